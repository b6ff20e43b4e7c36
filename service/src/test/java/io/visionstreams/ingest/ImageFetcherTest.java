package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.visionstreams.ingest.DecodeException.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim check against a local HTTP server and a temporary directory, with a policy that
 * allows both explicitly (the defaults refuse them: {@link ClaimCheckSafetyTest}).
 */
class ImageFetcherTest {

    private static final byte[] IMAGE = TestImages.encode(".png", TestImages.redTopLeft(16, 16));
    private static final Duration SHORT = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService handlers;
    private String base;
    private ImageFetcher fetcher;

    @BeforeEach
    void startServer() throws IOException {
        fetcher = new ImageFetcher(FetchPolicy.defaults().withTimeout(SHORT).withMaxBytes(10_000)
                .withAllowedHosts(List.of("127.0.0.1")).withAllowedNetworks(List.of("127.0.0.1/32")).withFileRoot(dir));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/image.png", exchange -> respond(exchange, 200, IMAGE));
        server.createContext("/missing.png", exchange -> respond(exchange, 404, "not found".getBytes()));
        server.createContext("/broken.png", exchange -> respond(exchange, 503, "try later".getBytes()));
        server.createContext("/moved.png", exchange -> {
            exchange.getResponseHeaders().add("Location", "/image.png");
            respond(exchange, 302, new byte[0]);
        });
        server.createContext("/slow.png", exchange -> {
            sleep(5_000); // headers far later than the time-out
            respond(exchange, 200, IMAGE);
        });
        server.createContext("/trickle.png", exchange -> { // headers at once, then a byte every 200 ms
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(IMAGE[i]);
                    out.flush();
                    sleep(200);
                }
            } catch (IOException closedByClient) {
                // the fetcher gave up, as it should
            }
        });
        server.createContext("/huge.png", exchange -> respond(exchange, 200, new byte[1_000_000]));
        server.createContext("/huge-chunked.png", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse up front
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[10_000]);
                }
            } catch (IOException closedByClient) {
                // expected once the limit is passed
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void fetchesAnImageOverHttp() throws Exception {
        byte[] bytes = fetcher.fetch(base + "/image.png");

        assertThat(bytes).isEqualTo(IMAGE);
        assertThat(new ImageDecoder().decode(bytes).width()).isEqualTo(16);
    }

    @Test
    void followsARedirect() throws Exception {
        assertThat(fetcher.fetch(base + "/moved.png")).isEqualTo(IMAGE);
    }

    @Test
    void deadLettersHttp404AsNotFound() {
        assertRejected(() -> fetcher.fetch(base + "/missing.png"), Stage.FETCH, Reasons.NOT_FOUND);
    }

    @Test
    void deadLettersOtherHttpErrorsWithTheStatusCode() {
        assertRejected(() -> fetcher.fetch(base + "/broken.png"), Stage.FETCH, Reasons.HTTP_STATUS);
        assertThatThrownBy(() -> fetcher.fetch(base + "/broken.png")).hasMessageContaining("503");
    }

    @Test
    void timesOutOnAnEndpointSlowToAnswer() {
        long start = System.nanoTime();

        assertRejected(() -> fetcher.fetch(base + "/slow.png"), Stage.FETCH, Reasons.TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void timesOutOnABodyThatTrickles() {
        long start = System.nanoTime();

        assertRejected(() -> fetcher.fetch(base + "/trickle.png"), Stage.FETCH, Reasons.TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void refusesABodyDeclaredOverTheLimit() {
        assertRejected(() -> fetcher.fetch(base + "/huge.png"), Stage.FETCH, Reasons.TOO_LARGE);
    }

    @Test
    void stopsReadingAChunkedBodyOnceOverTheLimit() {
        assertRejected(() -> fetcher.fetch(base + "/huge-chunked.png"), Stage.FETCH, Reasons.TOO_LARGE);
    }

    @Test
    void refusesSchemesOutsideTheAllowList() {
        ImageFetcher filesOnly = new ImageFetcher(FetchPolicy.defaults().withAllowedSchemes(Set.of("file")));

        assertRejected(() -> fetcher.fetch("ftp://127.0.0.1/image.png"), Stage.FETCH, Reasons.SCHEME_NOT_ALLOWED);
        assertRejected(() -> fetcher.fetch("jar:file:/x.jar!/image.png"), Stage.FETCH, Reasons.BAD_URI);
        assertRejected(() -> filesOnly.fetch(base + "/image.png"), Stage.FETCH, Reasons.SCHEME_NOT_ALLOWED);
    }

    @Test
    void deadLettersMalformedUrisAsBadUri() {
        assertRejected(() -> fetcher.fetch("not a uri"), Stage.FETCH, Reasons.BAD_URI);
        assertRejected(() -> fetcher.fetch(""), Stage.FETCH, Reasons.BAD_URI);
        assertRejected(() -> fetcher.fetch("http:///image.png"), Stage.FETCH, Reasons.BAD_URI);
        assertRejected(() -> fetcher.fetch("file://otherhost/image.png"), Stage.FETCH, Reasons.BAD_URI);
    }

    @Test
    void deadLettersARefusedConnectionAsIoError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertRejected(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/image.png"), Stage.FETCH, Reasons.IO_ERROR);
    }

    @Test
    void readsAFileUri() throws Exception {
        Path file = Files.write(dir.resolve("frame.png"), IMAGE);

        assertThat(fetcher.fetch(file.toUri().toString())).isEqualTo(IMAGE);
        assertThat(fetcher.fetch("file://localhost" + file)).isEqualTo(IMAGE);
    }

    @Test
    void deadLettersAMissingFileAsNotFound() {
        assertRejected(() -> fetcher.fetch(dir.resolve("absent.png").toUri().toString()), Stage.FETCH, Reasons.NOT_FOUND);
    }

    @Test
    void deadLettersADirectoryAsNotFound() {
        assertRejected(() -> fetcher.fetch(dir.toUri().toString()), Stage.FETCH, Reasons.NOT_FOUND);
    }

    @Test
    void refusesAFileOverTheLimit() throws IOException {
        Path big = Files.write(dir.resolve("big.png"), new byte[10_001]);

        assertRejected(() -> fetcher.fetch(big.toUri().toString()), Stage.FETCH, Reasons.TOO_LARGE);
    }

    @Test
    void keepsFileUrisInsideTheConfiguredRoot() throws IOException {
        // given a root holding one image, and an image beside the root
        Path root = Files.createDirectories(dir.resolve("root"));
        Path inside = Files.write(root.resolve("in.png"), IMAGE);
        Path outside = Files.write(dir.resolve("out.png"), IMAGE);
        Path link = Files.createSymbolicLink(root.resolve("link.png"), outside);
        ImageFetcher confined = new ImageFetcher(FetchPolicy.defaults().withFileRoot(root));

        // then only what really lies inside the root is read
        assertThat(catchBytes(() -> confined.fetch(inside.toUri().toString()))).isEqualTo(IMAGE);
        assertRejected(() -> confined.fetch(outside.toUri().toString()), Stage.FETCH, Reasons.PATH_NOT_ALLOWED);
        assertRejected(() -> confined.fetch("file://" + root + "/../out.png"), Stage.FETCH, Reasons.PATH_NOT_ALLOWED);
        assertRejected(() -> confined.fetch(link.toUri().toString()), Stage.FETCH, Reasons.PATH_NOT_ALLOWED);
    }

    @Test
    void refusesPoliciesThatCannotWork() {
        assertThatThrownBy(() -> FetchPolicy.defaults().withAllowedSchemes(Set.of("ftp")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vision.fetch.schemes");
        assertThatThrownBy(() -> FetchPolicy.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vision.fetch.timeout");
        assertThatThrownBy(() -> new ImageFetcher(FetchPolicy.defaults().withFileRoot(dir.resolve("absent"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vision.fetch.file-root");
    }

    private interface Fetch {
        byte[] run() throws DecodeException;
    }

    private static byte[] catchBytes(Fetch fetch) {
        try {
            return fetch.run();
        } catch (DecodeException e) {
            throw new AssertionError(e.reason() + ": " + e.getMessage(), e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException closedByClient) {
            // the client may hang up on an oversized body
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
