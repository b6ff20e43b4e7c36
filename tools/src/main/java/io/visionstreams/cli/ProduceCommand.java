package io.visionstreams.cli;

import io.visionstreams.client.EventPump;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.FileEvents;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.ImageFiles;
import io.visionstreams.client.camera.VideoOptions;
import io.visionstreams.client.camera.VideoSources;
import io.visionstreams.results.WireFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Sends ImageEvents to a topic of a running cluster: one per image file, or one per sampled frame of
 * a video file or camera stream ({@code --video}). Sends are asynchronous with a bounded number in
 * flight; prints a progress line on long runs and a summary; exits 1 if any send failed. Ctrl-C (or
 * SIGTERM) ends a live stream cleanly: what was read is sent, then the summary.
 */
@Command(name = "produce", description = {
        "Send ImageEvents to a topic: one per image file (folders: every file in them, recursively),",
        "or one per sampled frame of --video FILE|rtsp://...|http(s)://... (MJPEG or anything FFmpeg reads)."})
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DIR|FILE", description = "Image files or folders of them.")
    List<Path> inputs;

    @Option(names = "--video", paramLabel = "FILE|URL",
            description = "A video file, or a camera stream URL (rtsp://, http(s):// MJPEG, ...), instead of image files.")
    String video;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", defaultValue = "vision.image-events", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--source-id", defaultValue = "cli",
            description = "source_id of every event: the record key, one per camera (default: ${DEFAULT-VALUE}).")
    String sourceId;

    @Option(names = "--fps", paramLabel = "N",
            description = "Video: frames per second to keep (files: by presentation time; streams: by wall clock). Default: every frame.")
    Double fps;

    @Option(names = "--realtime",
            description = "Video files: send each frame at its own time, as the file plays (as ffmpeg -re), instead of as fast as it is read.")
    boolean realtime;

    @Option(names = "--max-frames", defaultValue = "0", paramLabel = "N",
            description = "Stop after sending N events (default: no limit).")
    long maxFrames;

    @Option(names = "--jpeg-quality", paramLabel = "Q",
            description = "Video: JPEG quality (1-100) of the frames sent (default: 90; MJPEG: the camera's JPEGs unchanged).")
    Integer jpegQuality;

    @Option(names = "--buffer-frames", defaultValue = "32", paramLabel = "N",
            description = "Live streams: frames held while the sender is behind; beyond it the oldest are dropped (default: ${DEFAULT-VALUE}).")
    int bufferFrames;

    @Option(names = "--stall-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Live streams: a stream silent this long is reconnected (default: ${DEFAULT-VALUE}).")
    double stallSeconds;

    @Option(names = "--reconnect-max-delay", defaultValue = "30", paramLabel = "SECONDS",
            description = "Live streams: longest wait between reconnect attempts (from 0.5 s, doubling; default: ${DEFAULT-VALUE}).")
    double reconnectMaxSeconds;

    @Option(names = "--max-in-flight", defaultValue = "32", paramLabel = "N",
            description = "Sends awaiting the broker's acknowledgement at most (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--claim-check",
            description = "Image files: send image_uri (file://) instead of the bytes; the stream reads the file (only under its vision.fetch.file-root).")
    boolean claimCheck;

    @Option(names = "--attribute", paramLabel = "KEY=VALUE", description = "Added to every event's attributes (repeatable).")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--progress-every", defaultValue = "10", paramLabel = "SECONDS",
            description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    double progressSeconds;

    @Option(names = "--serde-format", paramLabel = "FORMAT",
            description = "single-object (default) or registry: magic byte 0 + schema id, ImageEvent registered under "
                    + "<topic>-value at schema.registry.url (set with the registry's other settings in --command-config); "
                    + "default: the command config's vision.serde.format, else single-object.")
    String serdeFormat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Properties client = cluster.clientProperties();
        if (serdeFormat != null) {
            client.put(WireFormat.CONFIG, WireFormat.fromConfigName(serdeFormat).configName());
        }
        try (EventSource source = openSource();
             ImageEventProducer producer = new ImageEventProducer(client, topic)) {
            EventPump pump = new EventPump(producer, maxInFlight, maxFrames, out, seconds(progressSeconds));
            CountDownLatch done = new CountDownLatch(1);
            Thread onSignal = new Thread(() -> {
                closeQuietly(source); // the pump sends what was read, then prints the summary
                awaitQuietly(done);
            }, "produce-shutdown");
            Runtime.getRuntime().addShutdownHook(onSignal);
            EventPump.Summary summary;
            try {
                summary = pump.run(source, event -> {});
            } finally {
                done.countDown();
                removeHook(onSignal);
            }
            out.println(summary.line(topic));
            out.flush();
            if (summary.failed() > 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%d event(s) not sent, e.g.:%n", summary.failed());
                summary.errors().forEach(e -> err.println("  " + e));
                return VisionStreamsCli.EXIT_FAILURE;
            }
            return 0;
        }
    }

    private EventSource openSource() throws java.io.IOException {
        boolean files = inputs != null && !inputs.isEmpty();
        if (files == (video != null)) {
            throw new ParameterException(spec.commandLine(), "give image files/folders or --video, one of the two");
        }
        if (files) {
            if (fps != null || jpegQuality != null || realtime) {
                throw new ParameterException(spec.commandLine(), "--fps, --jpeg-quality and --realtime apply to --video only");
            }
            return new FileEvents(ImageFiles.entries(inputs), sourceId, new ImageFiles.Options(claimCheck, attributes));
        }
        if (claimCheck) {
            throw new ParameterException(spec.commandLine(), "--claim-check applies to image files only");
        }
        VideoOptions options;
        try {
            options = VideoOptions.of(sourceId, fps == null ? 0 : fps).withJpegQuality(jpegQuality)
                    .withBuffer(bufferFrames).withStallTimeout(seconds(stallSeconds))
                    .withReconnect(Duration.ofMillis(Math.min(500, (long) (reconnectMaxSeconds * 1000))),
                            seconds(reconnectMaxSeconds))
                    .withAttributes(attributes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return VideoSources.open(video, options, realtime);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static void closeQuietly(EventSource source) {
        try {
            source.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(15, TimeUnit.SECONDS); // let the summary print before the JVM halts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for us
        }
    }
}
