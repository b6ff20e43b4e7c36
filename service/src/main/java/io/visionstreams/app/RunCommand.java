package io.visionstreams.app;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the stream against a real cluster until stopped. SIGTERM/SIGINT stop it in order
 * ({@link VisionApp#close()}: Kafka Streams leaves the group, the inference workers end, then the
 * models close) and exit 0; a client shut down by the uncaught-exception policy exits 1 with the reason.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run against a Kafka cluster, configured by a properties file and the environment. First checks "
                + "the topics and the engine settings (preflight); every problem is printed and the exit code is 6.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

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
            return ExitCodes.PREFLIGHT;
        }
        if (preflightOnly) {
            spec.commandLine().getOut().println("preflight: fit to start");
            return 0;
        }
        VisionMetrics metrics = VisionMetrics.prometheus();
        CountDownLatch stop = new CountDownLatch(1);
        LoadedModels models = new ModelLoader(config).loadEnabled();
        VisionApp app = null;
        try {
            app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties());
            app.onStateChange((now, before) -> {
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stop.countDown();
                }
            });
            TerminationSignals.onTerminate(stop::countDown); // other JVM exits: VisionApp's own shutdown hook
            app.start();
            stop.await();
            app.close();
            Throwable fatal = app.fatalStreamError();
            if (fatal != null || app.streams().state() == KafkaStreams.State.ERROR) {
                spec.commandLine().getErr().println("error: Kafka Streams shut down"
                        + (fatal == null ? "" : ": " + rootMessage(fatal)));
                return ExitCodes.FAILURE;
            }
            return 0;
        } finally {
            if (app == null || app.workersStopped()) {
                models.close();
            } else {
                log.warn("an inference worker is still running: leaving the models open (closing them under a batch "
                        + "crashes the native engine)");
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
