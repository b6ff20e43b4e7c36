package io.visionstreams.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One browser's server-sent-event stream of one source: {@code frame} events (SSE id = the input
 * record's partition:offset, data = the frame's JSON), {@code moment} events (the timeline) and
 * {@code zones} events. It resumes after the {@code Last-Event-ID} header the browser sends on an
 * automatic reconnect, or after {@code ?last-event-id=} when the page reconnects itself. A comment
 * every {@link #KEEPALIVE_MS} finds a browser that left; the thread then ends.
 */
final class SseStream {

    static final long KEEPALIVE_MS = 10_000;

    private final HttpExchange exchange;
    private final LiveModel model;
    private final String sourceId;

    SseStream(HttpExchange exchange, LiveModel model, String sourceId) {
        this.exchange = exchange;
        this.model = model;
        this.sourceId = sourceId;
    }

    void run() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, "retry: 1000\n\n");
        try {
            SourceFeed feed = model.source(sourceId);
            while (feed == null) { // a page opened before its source's first frame
                Thread.sleep(500);
                feed = model.source(sourceId);
            }
            long cursor = feed.resumeAfter(lastEventId());
            long moment = 0;
            ObjectNode zonesSent = null;
            long lastWrite = System.currentTimeMillis();
            while (!Thread.currentThread().isInterrupted()) {
                ObjectNode zones = model.zonesOf(sourceId);
                if (zones != zonesSent) {
                    write(out, "event: zones\ndata: " + (zones == null ? "null" : zones.toString()) + "\n\n");
                    zonesSent = zones;
                }
                for (SourceFeed.Moment m : feed.momentsAfter(moment)) {
                    write(out, "event: moment\ndata: " + m.json() + "\n\n");
                    moment = m.seq();
                    lastWrite = System.currentTimeMillis();
                }
                for (SourceFeed.Emitted e : feed.framesAfter(cursor)) {
                    write(out, "id: " + e.id + "\nevent: frame\ndata: " + e.json + "\n\n");
                    cursor = e.seq;
                    lastWrite = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastWrite >= KEEPALIVE_MS) {
                    write(out, ": keepalive\n\n");
                    lastWrite = System.currentTimeMillis();
                }
                feed.awaitNews(cursor, moment, 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the view is closing
        }
    }

    private String lastEventId() {
        String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (header != null) {
            return header.trim();
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("last-event-id=")) {
                    return URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
