package io.visionstreams.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.ops.OpsServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The /ui routes on the application's endpoint: who may open them, and streams that never starve the health probes. */
class UiHttpTest {

    private static final String TOKEN = "s3cret-token-for-tests";
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private int serve(UiAccess access, int maxStreams) throws Exception {
        LiveModel model = new LiveModel(Set.of("detection"), true, Duration.ofSeconds(3), Duration.ofSeconds(5));
        SseStreams streams = new SseStreams(maxStreams);
        ThreadPoolExecutor pages = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        OpsServer ops = new OpsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true);
        ops.stream("/ui", new UiHttp(model, access, new ImageFetcher(), pages, streams));
        open.add(ops);
        open.add(streams);
        open.add(pages::shutdownNow);
        return ops.port();
    }

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theViewIsOnByDefaultOnLoopbackOnlyAndOffItOnlyWithAToken() {
        assertThat(UiAccess.enabled("auto", "127.0.0.1", null)).isTrue();
        assertThat(UiAccess.enabled("auto", "0.0.0.0", null)).isFalse();
        assertThat(UiAccess.enabled("auto", "0.0.0.0", TOKEN)).isTrue();
        assertThat(UiAccess.enabled("false", "127.0.0.1", null)).isFalse();
        assertThatThrownBy(() -> UiAccess.enabled("true", "0.0.0.0", null)).hasMessageContaining("needs a token");
        assertThatThrownBy(() -> UiAccess.withToken("short")).hasMessageContaining("16 characters");
    }

    @Test
    void withATokenEveryRequestMustCarryItAsQueryOnceThenCookieOrBearer() throws Exception {
        int port = serve(UiAccess.withToken(TOKEN), 2);
        assertThat(get(port, "/ui/").statusCode()).isEqualTo(401);
        assertThat(get(port, "/ui/api/sources?token=wrong-token-wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> redirect = get(port, "/ui/?token=" + TOKEN);
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/ui/");
        String cookie = redirect.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> page = get(port, "/ui/", "Cookie", cookie.split(";")[0]);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<table id=\"sources\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("connect-src 'self'"));
        assertThat(get(port, "/ui/api/sources", "Authorization", "Bearer " + TOKEN).body()).contains("\"sources\":[]");
    }

    @Test
    void openStreamsUseTheirOwnThreadsOneMoreIsRefusedAndTheHealthProbeStillAnswers() throws Exception {
        // given an endpoint whose view allows 3 streams, all 3 open (waiting for a source that never comes)
        int port = serve(UiAccess.open(), 3);
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/ui/api/source/cam-" + i + "/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            streams.add(r.body());
            open.add(r.body());
        }
        // when / then: a fourth is refused at once, and the endpoint's own paths still answer
        HttpResponse<String> fourth = get(port, "/ui/api/source/cam-9/stream");
        assertThat(fourth.statusCode()).isEqualTo(503);
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(port, "/ui/api/sources").statusCode()).isEqualTo(200);
        assertThat(new String(streams.get(0).readNBytes(13))).isEqualTo("retry: 1000\n\n");
    }
}
