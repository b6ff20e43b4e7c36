package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.ingest.DecodeException.Stage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch policy's edges a hostile producer probes: a directory swapped for a link while a file
 * is fetched, refusals that tell what exists outside the root, and URL prefixes passed with path
 * parameters.
 */
class FetchPolicyHardeningTest {

    @TempDir
    Path dir;

    @Test
    void refusesEverythingOutsideTheRootWithOneReasonWhetherItExistsOrNot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("to-secret.jpg"), secret);
        Files.createSymbolicLink(root.resolve("to-nothing.jpg"), dir.resolve("absent.txt"));
        ImageFetcher fetcher = new ImageFetcher(FetchPolicy.defaults().withFileRoot(root));

        for (String outside : List.of(secret.toUri().toString(), dir.resolve("absent.txt").toUri().toString(),
                "file:///etc/passwd", "file:///etc/no-such-file-here", "file://" + root + "/../secret.txt",
                "file://" + root + "/../absent.txt", root.resolve("to-secret.jpg").toUri().toString(),
                root.resolve("to-nothing.jpg").toUri().toString())) {
            assertRejected(() -> fetcher.fetch(outside), Stage.FETCH, Reasons.PATH_NOT_ALLOWED);
        }
        assertRejected(() -> fetcher.fetch(root.resolve("absent.jpg").toUri().toString()), Stage.FETCH,
                Reasons.NOT_FOUND);
    }

    @Test
    void neverReadsOutsideTheRootWhileADirectoryIsSwappedForALink() throws Exception {
        // given root/frames/x.jpg, and outside/x.jpg that root/frames becomes a link to, back and forth
        Path root = Files.createDirectories(dir.resolve("root"));
        Path frames = Files.createDirectories(root.resolve("frames"));
        Files.writeString(frames.resolve("x.jpg"), "inside", StandardCharsets.UTF_8);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("x.jpg"), "SECRET", StandardCharsets.UTF_8);
        Path parked = root.resolve("parked");
        Path link = Files.createSymbolicLink(root.resolve("link"), outside);
        ImageFetcher fetcher = new ImageFetcher(FetchPolicy.defaults().withFileRoot(root));
        String uri = frames.resolve("x.jpg").toUri().toString();
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(frames, parked, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, frames, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(frames, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parked, frames, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        swapper.start();
        int read = 0;
        try {
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    String got = new String(fetcher.fetch(uri), StandardCharsets.UTF_8);
                    // then what is read is always the file inside the root
                    assertThat(got).as("after %d reads", read).isEqualTo("inside");
                    read++;
                } catch (DecodeException refused) {
                    assertThat(refused.reason()).isIn(Reasons.PATH_NOT_ALLOWED, Reasons.NOT_FOUND);
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(read).as("reads while the directory was in place").isPositive();
    }

    @Test
    void urlPrefixesCompareTheDecodedNormalizedPathAndRefusePathParameters() {
        HostAllowList frames = HostAllowList.of(List.of("https://cdn.example.com/frames/"));

        assertThat(frames.allows(URI.create("https://cdn.example.com/frames/cam-1/0001.jpg"))).isTrue();
        assertThat(frames.allows(URI.create("https://cdn.example.com/frames//cam-1/./0001.jpg"))).isTrue();
        for (String refused : List.of("/frames/..;/admin", "/frames/..;x=1/admin", "/frames/0001.jpg;jsessionid=1",
                "/frames/..%3b/admin", "/frames/%2e%2e/admin", "/frames%2f..%2fadmin", "/frames/..%5cadmin",
                "/frames/../admin", "/admin/frames/x.jpg", "/frames/../../frames/x.jpg")) {
            assertThat(frames.allows(URI.create("https://cdn.example.com" + refused))).as(refused).isFalse();
        }
    }
}
