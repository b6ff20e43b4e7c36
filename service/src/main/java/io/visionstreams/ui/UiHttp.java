package io.visionstreams.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.ingest.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ui} routes. Every exchange is handed at once to the view's own threads (a small pool
 * for pages and data, one thread per event stream), so whatever serves the endpoint's other paths
 * (health probes, metrics) is never held by the view.
 * <pre>
 * /ui/                                  sources page          /ui/source/{id}            a source's page
 * /ui/assets/{file}                     the pages' JS and CSS /ui/api/sources            the sources, JSON
 * /ui/api/source/{id}/stream            SSE: frames, moments, zones
 * /ui/api/source/{id}/frame/{p}:{o}     a frame's image       /ui/api/source/{id}/mask/{p}:{o}  its mask PNG
 * /ui/api/source/{id}/snapshot/{n}      a moment's snapshot
 * </pre>
 */
final class UiHttp implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(UiHttp.class);
    private static final Map<String, String> ASSETS = Map.of("sources.js", "text/javascript", "source.js",
            "text/javascript", "ui.css", "text/css", "common.js", "text/javascript");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final LiveModel model;
    private final UiAccess access;
    private final ImageFetcher fetcher;
    private final ExecutorService pages;
    private final SseStreams streams;

    UiHttp(LiveModel model, UiAccess access, ImageFetcher fetcher, ExecutorService pages, SseStreams streams) {
        this.model = model;
        this.access = access;
        this.fetcher = fetcher;
        this.pages = pages;
        this.streams = streams;
    }

    @Override
    public void handle(HttpExchange exchange) {
        List<String> path = segments(exchange);
        boolean stream = path.size() == 5 && path.get(1).equals("api") && path.get(4).equals("stream");
        try {
            if (stream) {
                streams.start(exchange, () -> serve(exchange, path));
            } else {
                pages.execute(() -> serve(exchange, path));
            }
        } catch (RejectedExecutionException e) {
            try {
                exchange.getResponseHeaders().set("Retry-After", "2");
                send(exchange, 503, "text/plain", "live view busy\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // client gone
            }
        }
    }

    private void serve(HttpExchange exchange, List<String> path) {
        try (exchange) {
            headers(exchange);
            if (!access.admit(exchange)) {
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            route(exchange, path);
        } catch (IOException e) {
            log.debug("live view: {} ended: {}", exchange.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            log.warn("live view: {} failed", exchange.getRequestURI().getRawPath(), e);
        }
    }

    private void route(HttpExchange exchange, List<String> p) throws IOException {
        int n = p.size();
        if (n == 1 || (n == 2 && p.get(1).isEmpty())) {
            resource(exchange, "index.html", "text/html; charset=utf-8");
        } else if (n == 3 && p.get(1).equals("source")) {
            resource(exchange, "source.html", "text/html; charset=utf-8");
        } else if (n == 3 && p.get(1).equals("assets") && ASSETS.containsKey(p.get(2))) {
            resource(exchange, p.get(2), ASSETS.get(p.get(2)) + "; charset=utf-8");
        } else if (n == 3 && p.get(1).equals("api") && p.get(2).equals("sources")) {
            send(exchange, 200, "application/json", model.sourcesJson(System.currentTimeMillis()).toString()
                    .getBytes(StandardCharsets.UTF_8));
        } else if (n == 5 && p.get(1).equals("api") && p.get(2).equals("source") && p.get(4).equals("stream")) {
            new SseStream(exchange, model, p.get(3)).run();
        } else if (n == 6 && p.get(1).equals("api") && p.get(2).equals("source")) {
            image(exchange, model.source(p.get(3)), p.get(4), p.get(5));
        } else {
            send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A frame's image (its bytes, or its claim check fetched under the fetch policy), its mask, or a moment's snapshot. */
    private void image(HttpExchange exchange, SourceFeed feed, String kind, String id) throws IOException {
        byte[] bytes = null;
        if (feed != null && kind.equals("snapshot") && id.matches("\\d{1,18}")) {
            SourceFeed.Moment m = feed.moment(Long.parseLong(id));
            bytes = m == null ? null : m.snapshot();
        } else if (feed != null && (kind.equals("frame") || kind.equals("mask"))) {
            SourceFeed.Emitted e = feed.frame(id);
            if (e != null && kind.equals("mask")) {
                bytes = e.mask;
            } else if (e != null) {
                bytes = e.image != null ? e.image : fetch(e.imageUri);
            }
        }
        ImageFormat format = bytes == null ? null : ImageFormat.sniff(bytes);
        if (format == null || !format.decodable()) {
            send(exchange, 404, "text/plain", "no such image (or no longer held)\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "image/" + format.name().toLowerCase(), bytes);
    }

    private byte[] fetch(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            return fetcher.fetch(uri); // the stream's own policy: never a place the stream may not read
        } catch (DecodeException e) {
            log.debug("live view: claim check not shown: {}", e.getMessage());
            return null;
        }
    }

    private static void resource(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = UiHttp.class.getResourceAsStream("/ui/" + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "missing asset\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    static void headers(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The path below {@code /ui}, each segment URL-decoded: {@code /ui/source/a%2Fb} is [ui, source, a/b]. */
    static List<String> segments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        String[] parts = raw.substring(1).split("/", -1);
        return java.util.Arrays.stream(parts).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
    }
}
