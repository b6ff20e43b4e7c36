package io.visionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow or stalled clients never take the capacity health probes need: a client that sends half a
 * request and waits, or one that asks for /metrics and never reads, while the orchestrator's probe
 * of /health/live must be answered within 1 s (a probe's typical timeout).
 */
class OpsServerSlowClientTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private OpsServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersLiveWithinOneSecondWhileAClientHoldsHalfARequestOpen() throws Exception {
        server = new OpsServer("127.0.0.1", 0, registry, () -> true);
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            // given a client that sent half a request line and waits
            slow.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Thread.sleep(300); // the server has taken the connection up

            // then the probe is answered within its timeout
            assertThat(probe("/health/live").statusCode()).isEqualTo(200);
            assertThat(probe("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersLiveWithinOneSecondWhileAClientNeverReadsItsMetrics() throws Exception {
        // given a scrape of several MB, larger than what the kernel buffers between server and client
        for (int i = 0; i < 40_000; i++) {
            Gauge.builder("vision_test_padding", () -> 1.0).tag("series", "s" + i + "-" + "x".repeat(150))
                    .register(registry);
        }
        server = new OpsServer("127.0.0.1", 0, registry, () -> true);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
            // when it asks for /metrics and never reads
            stalled.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            Thread.sleep(2_000); // the scrape is rendered and the server is blocked writing it

            // then the probe is answered within its timeout
            assertThat(probe("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closesAConnectionWhoseRequestIsNotCompleteWithinTheReadTimeout() throws Exception {
        server = new OpsServer("127.0.0.1", 0, registry, () -> true,
                new OpsServer.Limits(1, Duration.ofMillis(500), Duration.ofSeconds(10), 2));
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout(30_000);
            slow.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));

            assertThat(readsToTheEnd(slow.getInputStream())).as("bytes answered to half a request").isZero();
            // and the only thread serves again
            assertThat(probe("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closesAConnectionThatDoesNotTakeItsResponseWithinTheWriteTimeout() throws Exception {
        byte[] large = new byte[64 << 20];
        server = new OpsServer("127.0.0.1", 0, registry, () -> true,
                new OpsServer.Limits(1, Duration.ofSeconds(5), Duration.ofMillis(500), 2));
        server.handle("/large", exchange -> {
            exchange.sendResponseHeaders(200, large.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(large);
            }
        });
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
            stalled.getOutputStream().write("GET /large HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(1_500); // past the write timeout without reading

            stalled.setSoTimeout(30_000);
            assertThat(readsToTheEnd(stalled.getInputStream())).as("bytes received before the server gave up")
                    .isLessThan(large.length);
            assertThat(probe("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void streamsRunOnTheirOwnThreadsWithoutTheWriteTimeout() throws Exception {
        server = new OpsServer("127.0.0.1", 0, registry, () -> true,
                new OpsServer.Limits(1, Duration.ofSeconds(5), Duration.ofMillis(300), 2));
        server.stream("/events", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(200); // the whole stream outlasts the write timeout
                }
            }
        });
        HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/events")).build(), HttpResponse.BodyHandlers.ofLines());
        // while the stream is open, the single pool thread answers probes
        assertThat(probe("/health/live").statusCode()).isEqualTo(200);

        assertThat(events.body().filter(l -> l.startsWith("data: ")).toList())
                .containsExactly("data: 0", "data: 1", "data: 2", "data: 3", "data: 4");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes read until the server closes the connection. */
    private static long readsToTheEnd(InputStream in) throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (SocketException reset) {
            // closed with unread data: a reset
        }
        return total;
    }

    private HttpResponse<String> probe(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(PROBE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
