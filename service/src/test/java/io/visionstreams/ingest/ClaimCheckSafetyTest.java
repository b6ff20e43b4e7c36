package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.visionstreams.ingest.DecodeException.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim checks cannot reach inside the network by default: with the default policy nothing is
 * fetched; an allowed host works; loopback (by literal or by a name resolving to it), link-local
 * and private addresses, redirects out of the allow-list and files outside the root are FETCH
 * refusals whose messages carry none of the target's content. A local HTTP server counts the
 * requests it got, so "refused" also means "never asked".
 */
class ClaimCheckSafetyTest {

    private static final byte[] IMAGE = TestImages.encode(".png", TestImages.redTopLeft(8, 8));
    private static final String SECRET = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService handlers;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/hop/")) { // /hop/N redirects to /hop/N-1, /hop/0 to the image
                int n = Integer.parseInt(path.substring("/hop/".length()));
                redirect(exchange, n == 0 ? "/images/frame.png" : "/hop/" + (n - 1));
            } else if (path.equals("/images/away")) {
                redirect(exchange, "http://localhost:" + port + "/private/secret.txt");
            } else if (path.equals("/images/frame.png")) {
                respond(exchange, IMAGE);
            } else if (path.equals("/images/drip.png")) {
                exchange.sendResponseHeaders(200, IMAGE.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (byte b : IMAGE) {
                        if (Thread.currentThread().isInterrupted()) {
                            break;
                        }
                        out.write(b);
                        out.flush();
                        sleep(100);
                    }
                } catch (IOException hungUp) {
                    // the fetcher gave up at its deadline
                }
            } else if (path.endsWith(".txt")) {
                respond(exchange, SECRET.getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        handlers.shutdownNow(); // interrupts a dripping handler
        server.stop(0);
    }

    @Test
    void theDefaultPolicyFetchesNothing() throws IOException {
        // given the defaults, a file beside the process and the local server
        ImageFetcher defaults = new ImageFetcher();
        Path file = Files.write(dir.resolve("frame.png"), IMAGE);

        // then loopback, a name for it, the metadata service and any file are FETCH refusals
        assertRefused(defaults, "http://127.0.0.1:" + port + "/private/secret.txt", Reasons.HOST_NOT_ALLOWED);
        assertRefused(defaults, "http://localhost:" + port + "/private/secret.txt", Reasons.HOST_NOT_ALLOWED);
        assertRefused(defaults, "http://169.254.169.254/latest/meta-data/", Reasons.HOST_NOT_ALLOWED);
        assertRefused(defaults, "file:///etc/passwd", Reasons.SCHEME_NOT_ALLOWED);
        assertRefused(defaults, file.toUri().toString(), Reasons.SCHEME_NOT_ALLOWED);
        assertThat(hits).as("requests the server got").isEmpty();
    }

    @Test
    void anAllowedHostIsStillFetched() throws Exception {
        ImageFetcher allowed = fetcher(List.of("localhost:" + port), List.of("127.0.0.0/8"));

        assertThat(allowed.fetch("http://localhost:" + port + "/images/frame.png")).isEqualTo(IMAGE);
    }

    @Test
    void refusesANameResolvingToLoopbackEvenWhenTheHostIsAllowed() {
        // given localhost allowed as a host, but no network allowed
        ImageFetcher fetcher = fetcher(List.of("localhost", "127.0.0.1", "169.254.169.254"), List.of());

        // then the addresses connected to decide: none of them is reached
        assertRefused(fetcher, "http://localhost:" + port + "/private/secret.txt", Reasons.ADDRESS_NOT_ALLOWED);
        assertRefused(fetcher, "http://127.0.0.1:" + port + "/private/secret.txt", Reasons.ADDRESS_NOT_ALLOWED);
        assertRefused(fetcher, "http://169.254.169.254/latest/meta-data/", Reasons.ADDRESS_NOT_ALLOWED);
        assertThat(hits).isEmpty();
    }

    @Test
    void followsARedirectChainWithinTheLimitAndRefusesALongerOne() throws Exception {
        ImageFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));

        assertThat(fetcher.fetch(base() + "/hop/2")).as("3 redirects").isEqualTo(IMAGE);
        assertRefused(fetcher, base() + "/hop/3", Reasons.TOO_MANY_REDIRECTS);
        assertThat(hits.get("/images/frame.png").get()).as("the 4th redirect's target is never requested").isEqualTo(1);
    }

    @Test
    void refusesARedirectOutOfTheAllowList() {
        // given only the /images/ prefix on 127.0.0.1 allowed; /images/away redirects to localhost
        ImageFetcher fetcher = fetcher(List.of(base() + "/images/"), List.of("127.0.0.1/32"));

        assertRefused(fetcher, base() + "/images/away", Reasons.HOST_NOT_ALLOWED);
        assertRefused(fetcher, base() + "/private/secret.txt", Reasons.HOST_NOT_ALLOWED);
        assertRefused(fetcher, base() + "/images/../private/secret.txt", Reasons.HOST_NOT_ALLOWED);
        assertRefused(fetcher, base() + "/images/%2e%2e/private/secret.txt", Reasons.HOST_NOT_ALLOWED);
        assertThat(hits.keySet()).containsExactly("/images/away");
    }

    @Test
    void cancelsABodyThatDripsPastTheTimeOut() {
        ImageFetcher fetcher = new ImageFetcher(FetchPolicy.defaults().withAllowedHosts(List.of("127.0.0.1"))
                .withAllowedNetworks(List.of("127.0.0.1/32")).withTimeout(Duration.ofMillis(500)));
        long start = System.nanoTime();

        assertRejected(() -> fetcher.fetch(base() + "/images/drip.png"), Stage.FETCH, Reasons.TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the whole body would take 10 s")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void keepsFilesInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("frames"));
        ImageFetcher fetcher = new ImageFetcher(FetchPolicy.defaults().withFileRoot(root));

        assertRefused(fetcher, "file:///etc/passwd", Reasons.PATH_NOT_ALLOWED);
        assertRefused(fetcher, "file://" + root + "/../../../../etc/passwd", Reasons.PATH_NOT_ALLOWED);
    }

    @Test
    void messagesNameNeitherUserInfoNorQuery() {
        ImageFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));

        DecodeException signed = catchThrowableOfType(DecodeException.class,
                () -> fetcher.fetch(base() + "/missing.png?X-Amz-Signature=abc123"));
        DecodeException withUser = catchThrowableOfType(DecodeException.class,
                () -> fetcher.fetch("http://camera:hunter2@127.0.0.1:" + port + "/images/frame.png"));

        assertThat(signed.reason()).isEqualTo(Reasons.NOT_FOUND);
        assertThat(signed.getMessage()).contains("/missing.png").doesNotContain("abc123");
        assertThat(withUser.reason()).as("credentials are never sent").isEqualTo(Reasons.BAD_URI);
        assertThat(withUser.getMessage()).doesNotContain("hunter2");
        assertThat(hits).doesNotContainKey("/images/frame.png");
    }

    @Test
    void aFetchedNonImageIsNotQuotedInTheDecodeMessage() throws Exception {
        // given an allowed fetch that returns a text file instead of an image
        ImageFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));
        byte[] body = fetcher.fetch(base() + "/images/notes.txt");

        // when it is decoded
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> new ImageDecoder().decode(body));

        // then the dead letter's message says what, never the content (neither as text nor as hex)
        assertThat(e.reason()).isEqualTo(Reasons.UNKNOWN_FORMAT);
        assertThat(e.getMessage()).doesNotContain("aws").doesNotContain(HexFormat.of().formatHex(body, 0, 4));
    }

    @Test
    void readsAllowListsAndNetworksAsDocumented() throws Exception {
        HostAllowList hosts = HostAllowList.of(List.of("*.example.com", "cams.example.org:8443",
                "https://cdn.example.net/frames/"));
        assertThat(hosts.allows(new java.net.URI("https://a.example.com/x.jpg"))).isTrue();
        assertThat(hosts.allows(new java.net.URI("https://example.com/x.jpg"))).isFalse();
        assertThat(hosts.allows(new java.net.URI("https://a.example.com.evil.io/x.jpg"))).isFalse();
        assertThat(hosts.allows(new java.net.URI("https://CAMS.example.org:8443/x.jpg"))).isTrue();
        assertThat(hosts.allows(new java.net.URI("https://cams.example.org/x.jpg"))).isFalse();
        assertThat(hosts.allows(new java.net.URI("https://cdn.example.net:443/frames/1.jpg"))).isTrue();
        assertThat(hosts.allows(new java.net.URI("http://cdn.example.net/frames/1.jpg"))).isFalse();
        assertThat(hosts.allows(new java.net.URI("https://cdn.example.net/other/1.jpg"))).isFalse();
        assertThatThrownBy(() -> HostAllowList.of(List.of("ftp://x/"))).hasMessageContaining("vision.fetch.allowed-hosts");

        AddressPolicy none = AddressPolicy.of(List.of());
        for (String special : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::127.0.0.1")) {
            assertThat(none.allows(InetAddress.getByName(special))).as(special).isFalse();
        }
        assertThat(none.allows(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(none.allows(InetAddress.getByName("2606:2800:220:1::"))).isTrue();
        AddressPolicy tenTwenty = AddressPolicy.of(List.of("10.20.0.0/16"));
        assertThat(tenTwenty.allows(InetAddress.getByName("10.20.9.9"))).isTrue();
        assertThat(tenTwenty.allows(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThatThrownBy(() -> AddressPolicy.of(List.of("internal.example.com")))
                .hasMessageContaining("vision.fetch.allowed-networks");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static ImageFetcher fetcher(List<String> hosts, List<String> networks) {
        return new ImageFetcher(FetchPolicy.defaults().withAllowedHosts(hosts).withAllowedNetworks(networks)
                .withTimeout(Duration.ofSeconds(2)));
    }

    private static void assertRefused(ImageFetcher fetcher, String uri, String reason) {
        assertRejected(() -> fetcher.fetch(uri), Stage.FETCH, reason);
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> fetcher.fetch(uri));
        assertThat(e.getMessage()).as(uri).doesNotContain("wJalrXUtnFEMI").doesNotContain("root:");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
