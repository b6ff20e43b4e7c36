package io.visionstreams.cli;

import io.visionstreams.app.Wiring;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.ui.LiveView;
import io.visionstreams.ui.LiveViewServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The live view of any cluster, served by this process: read_committed consumers of its input,
 * result, Tags and dead-letter topics (names, tasks and the claim-check policy from {@code --config}),
 * pages under {@code /ui/}. Runs until Ctrl-C (or {@code --duration}).
 */
@Command(name = "view", description = "Serve the live web view (/ui/) of a cluster's cameras, results and events.")
final class ViewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with the instance's vision.* keys (topics, tasks, vision.fetch.* for claim checks) and application.id.")
    Path configFile;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to serve on (default: ${DEFAULT-VALUE}, this machine only); any other needs a token.")
    String bind;

    @Option(names = "--port", defaultValue = "8088", description = "Port (0: any free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", defaultValue = "${env:VISION_UI_TOKEN}", paramLabel = "TOKEN",
            description = "Token every request must carry (default: $VISION_UI_TOKEN; needed off loopback).")
    String token;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS", description = "Stop after this long (default: until Ctrl-C).")
    long durationSeconds;

    @Override
    public Integer call() throws Exception {
        boolean hasToken = token != null && !token.isEmpty();
        try {
            if (!hasToken && !LiveView.isLoopback(bind)) {
                throw new ParameterException(spec.commandLine(), "--bind " + bind + " is not loopback: give --token (or VISION_UI_TOKEN)");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("bootstrap.servers", cluster.bootstrapServers);
        VisionConfig config = ConfigLoader.load(configFile, System.getenv(), overrides);
        CountDownLatch stop = new CountDownLatch(1);
        LiveView view;
        try {
            view = LiveView.of(config, cluster.clientProperties(), Wiring.imageEvents(config), Wiring.fetcher(config), token);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--token: " + e.getMessage());
        }
        try (view; LiveViewServer server = new LiveViewServer(bind, port, view)) {
            PrintWriter out = spec.commandLine().getOut();
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            out.printf("live view: http://%s:%d/ui/%s%n", host, server.port(), hasToken ? "?token=..." : "");
            out.flush();
            CountDownLatch closed = new CountDownLatch(1);
            Thread onSignal = new Thread(() -> { // Ctrl-C / SIGTERM: close the consumers and the server, then let the JVM go
                stop.countDown();
                awaitQuietly(closed);
            }, "view-shutdown");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                if (durationSeconds > 0) {
                    stop.await(durationSeconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            } finally {
                closed.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs and waits for the close
                }
            }
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
