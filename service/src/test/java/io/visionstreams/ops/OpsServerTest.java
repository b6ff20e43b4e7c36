package io.visionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operations endpoint on a real port: readiness from its supplier, metrics from its registry. */
class OpsServerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean ready = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();
    private OpsServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersNotReadyWith503UntilReadyWhileLiveAllAlong() throws Exception {
        // given
        server = new OpsServer(0, registry, ready::get);
        // then
        HttpResponse<String> notReady = send("GET", "/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("DOWN");
        assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
        // when
        ready.set(true);
        // then
        HttpResponse<String> isReady = send("GET", "/health/ready");
        assertThat(isReady.statusCode()).isEqualTo(200);
        assertThat(isReady.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void servesTheRegistryInPrometheusTextFormat() throws Exception {
        // given
        new VisionMetrics(registry).deadLetter("DECODE", "TRUNCATED", null);
        server = new OpsServer(0, registry, ready::get);
        // when
        HttpResponse<String> scrape = send("GET", "/metrics");
        // then
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scrape.body()).contains("vision_dead_letters_total{reason=\"TRUNCATED\",stage=\"DECODE\",task=\"none\"} 1.0");
    }

    @Test
    void answersHeadWithHeadersOnlyAndRefusesOtherMethods() throws Exception {
        // given
        server = new OpsServer(0, registry, ready::get);
        List<LogRecord> jdkWarnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    jdkWarnings.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger jdkServer = Logger.getLogger("com.sun.net.httpserver");
        jdkServer.addHandler(capture);
        try {
            // when
            HttpResponse<String> head = send("HEAD", "/health/live");
            HttpResponse<String> post = send("POST", "/health/live");
            // then
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(jdkWarnings).extracting(LogRecord::getMessage).isEmpty();
        } finally {
            jdkServer.removeHandler(capture);
        }
    }

    @Test
    void closeStopsServingAndEndsItsThread() throws Exception {
        // given
        Set<Thread> before = opsThreads();
        server = new OpsServer(0, registry, ready::get);
        assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
        // when
        server.close();
        // then
        assertThatThrownBy(() -> send("GET", "/health/live")).isInstanceOf(ConnectException.class);
        for (Thread t : opsThreads()) {
            if (!before.contains(t)) {
                t.join(Duration.ofSeconds(5).toMillis());
                assertThat(t.isAlive()).as("request thread of a closed server").isFalse();
            }
        }
    }

    private static Set<Thread> opsThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vision-ops-http"))
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
