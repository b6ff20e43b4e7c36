package io.visionstreams.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.testing.TestVideos;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view in a real browser: {@code demo --video --realtime} (embedded broker, real models)
 * prints its URL (and lingers 150 s after its last result, the time the browser has); Debian's Chromium, driven by playwright-core ({@code tools/src/test/ui-e2e/live-view.mjs}),
 * finds the source listed, a box drawn where a detection is, the next frame over SSE, a reconnect
 * without gaps, a dead letter on the timeline, and no request leaving the machine. Skipped where
 * node, Chromium or the npm modules ({@code npm ci} in tools/src/test/ui-e2e) are absent.
 */
class LiveViewBrowserTest {

    private static final Path E2E = Path.of("tools/src/test/ui-e2e");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern URL = Pattern.compile("live view: (http://127\\.0\\.0\\.1:\\d+/ui/)source/demo");
    private static final Pattern BROKER = Pattern.compile("Kafka \\(KRaft, in-process\\) at (\\S+);");
    private static final Pattern VIEW_URL = Pattern.compile("live view: (http://127\\.0\\.0\\.1:\\d+/ui/)");

    @TempDir
    Path tmp;

    @Test
    void chromiumSeesTheDemosSourceItsBoxesNextFrameAReconnectWithoutGapsAndNothingFromOutside() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "no npm modules: (cd tools/src/test/ui-e2e && npm ci)");
        assumeTrue(runs("node", "--version"), "no node");
        // given: 90 s of the sample images at 10 fps, sent at 1 fps as it plays (frames keep coming while the browser checks)
        Path video = TestVideos.make(tmp.resolve("camera.mp4"), TestVideos.Kind.H264_MP4, 10, 90, null);
        Console console = new Console();
        java.util.concurrent.atomic.AtomicInteger demoExit = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread demo = new Thread(() -> demoExit.set(VisionStreamsCli.commandLine(new PrintWriter(console, true), new PrintWriter(console, true))
                .execute("demo", "--video", video.toString(), "--realtime", "--fps", "1", "--tasks", "detection,segmentation",
                        "--out", tmp.resolve("out").toString(), "--timeout", "600", "--linger", "150")), "demo");
        demo.start();
        Console viewConsole = new Console();
        Thread view = null;
        try {
            String url = console.await(URL, Duration.ofMinutes(5));
            String broker = console.await(BROKER, Duration.ofSeconds(5));
            // the same pages served by `view`, another reader of the demo's broker
            String viewConfig = viewConfig().toString();
            view = new Thread(() -> VisionStreamsCli.commandLine(new PrintWriter(viewConsole, true), new PrintWriter(viewConsole, true))
                    .execute("view", "--bootstrap-server", broker, "--port", "0", "--config", viewConfig), "view");
            view.start();
            String viewUrl = viewConsole.await(VIEW_URL, Duration.ofMinutes(1));
            // a record the stream cannot read, keyed by the demo's source: a dead letter on its timeline
            try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("vision.image-events", "demo".getBytes(StandardCharsets.UTF_8),
                        "not an ImageEvent".getBytes(StandardCharsets.UTF_8))).get();
            }
            Path shots = Files.createDirectories(tmp.resolve("screenshots"));
            // when
            Process node = new ProcessBuilder("node", "live-view.mjs", url, "demo", shots.toAbsolutePath().toString(),
                    "--expect-moments").directory(E2E.toFile()).redirectErrorStream(true).start();
            boolean done = node.waitFor(8, TimeUnit.MINUTES);
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                node.destroyForcibly();
            }
            System.out.println("live-view.mjs: " + out.strip()); // what the browser saw, for the build log
            // then
            assertThat(done).as(out).isTrue();
            assertThat(node.exitValue()).as(out + "\ndemo:\n" + console).isZero();
            assertThat(out).contains("\"ok\":true").contains("\"external\":0");
            assertThat(shots.resolve("live-view-sources.png")).isNotEmptyFile();
            assertThat(shots.resolve("live-view-source.png")).isNotEmptyFile();
            // and `view`'s page of the same source draws its newest frame with its boxes
            Process viewNode = new ProcessBuilder("node", "live-view.mjs", viewUrl, "demo", shots.toAbsolutePath().toString(),
                    "--draw-only").directory(E2E.toFile()).redirectErrorStream(true).start();
            boolean viewDone = viewNode.waitFor(5, TimeUnit.MINUTES);
            String viewOut = new String(viewNode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("live-view.mjs (view): " + viewOut.strip());
            assertThat(viewDone && viewNode.exitValue() == 0).as(viewOut + "\nview:\n" + viewConsole).isTrue();
            Path keep = Path.of("tools/target/ui-e2e");
            Files.createDirectories(keep);
            Files.copy(shots.resolve("live-view-sources.png"), keep.resolve("live-view-sources.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(shots.resolve("live-view-source.png"), keep.resolve("live-view-source.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (view != null) {
                view.interrupt();
                view.join(Duration.ofSeconds(30).toMillis());
            }
            // the demo ends on its own after --linger: an interrupt would stop it mid-batch (native inference)
            demo.join(Duration.ofMinutes(15).toMillis());
        }
        assertThat(demoExit.get()).as(console.toString()).isZero();
    }

    /** The demo's tasks and application.id, as `view --config` takes an instance's settings. */
    private Path viewConfig() throws java.io.IOException {
        return Files.writeString(tmp.resolve("view.properties"),
                "vision.tasks=detection,segmentation\napplication.id=vision-streams-demo\n");
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** The demo's console, searchable while it runs. */
    private static final class Console extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        synchronized String await(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (true) {
                Matcher m = pattern.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
                long left = deadline - System.currentTimeMillis();
                assertThat(left).as("waiting for " + pattern + " in:\n" + text).isPositive();
                wait(left);
            }
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
