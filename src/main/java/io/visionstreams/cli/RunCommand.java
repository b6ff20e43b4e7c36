package io.visionstreams.cli;

import io.visionstreams.app.Preflight;
import io.visionstreams.app.PreflightProblem;
import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.ops.VisionMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the stream against a real cluster until stopped (SIGTERM closes it cleanly). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run against a Kafka cluster, configured by a properties file and the environment. First checks "
                + "the topics and the engine settings (preflight); every problem is printed and the exit code is 6.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file: vision.* keys and Kafka Streams keys.")
    Path configFile;

    @Option(names = "--create-topics", description = "Create the input, result and dead-letter topics that do not exist "
            + "(outputs sized for vision.output.max-record-bytes).")
    boolean createTopics;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of created topics (default: the input "
            + "topic's count for outputs when it exists, else the broker's default).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R", description = "Replication factor of created topics "
            + "(default: the broker's).")
    Short replicationFactor;

    @Option(names = "--preflight-only", description = "Run the checks (and --create-topics), then exit: 0 when fit to start.")
    boolean preflightOnly;

    @Override
    public Integer call() throws Exception {
        VisionConfig config = ConfigLoader.load(configFile, System.getenv(), Map.of());
        List<PreflightProblem> problems = Preflight.check(config, System.getenv(), new Preflight.TopicCreation(createTopics,
                Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor)));
        problems.forEach(p -> spec.commandLine().getErr().println("preflight: " + p));
        if (!problems.isEmpty()) {
            return VisionStreamsCli.EXIT_PREFLIGHT;
        }
        if (preflightOnly) {
            spec.commandLine().getOut().println("preflight: fit to start");
            return 0;
        }
        VisionMetrics metrics = VisionMetrics.prometheus();
        CountDownLatch stopped = new CountDownLatch(1);
        try (LoadedModels models = new ModelLoader(config).loadEnabled();
             VisionApp app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties())) {
            app.streams().setStateListener((now, before) -> {
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "vision-shutdown"));
            app.start();
            stopped.await();
            return app.streams().state() == KafkaStreams.State.ERROR ? VisionStreamsCli.EXIT_FAILURE : 0;
        }
    }
}
