package io.visionstreams.cli;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.ops.VisionMetrics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the stream against a real cluster until stopped (SIGTERM closes it cleanly). */
@Command(name = "run", description = "Run against a Kafka cluster, configured by a properties file and the environment.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file: vision.* keys and Kafka Streams keys.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        VisionConfig config = ConfigLoader.load(configFile, System.getenv(), Map.of());
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
