package io.visionstreams.cli;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.client.EventLedger;
import io.visionstreams.client.EventPump;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.topology.TrackingConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The two-command first run: a real Kafka broker in this JVM, the real models, one ImageEvent per
 * file; waits until every event has a result per task or a dead letter, writes {@code results.jsonl},
 * masks and annotated previews, prints a table. Exits non-zero when any event is unaccounted for.
 */
@Command(name = "demo", description = "Run everything in-process (embedded Kafka, real models) on a folder of images.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImagesOption images;

    @Mixin
    DemoInput input;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Tasks to run (default: classification,detection,segmentation).")
    List<String> tasks;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Optional properties file (vision.* keys).")
    Path configFile;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for every result (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--metrics-port", defaultValue = "-1", paramLabel = "PORT",
            description = "Serve /metrics and /health on this port while the demo runs (default: off).")
    int metricsPort;

    @Option(names = "--zones", paramLabel = "FILE",
            description = "Zones and lines for tracking (JSON, see docs/tracking.md); sets vision.zones.file.")
    Path zonesFile;

    @Option(names = "--linger", defaultValue = "0", paramLabel = "SECONDS",
            description = "Keep running (and serving metrics) this long after the last result (default: ${DEFAULT-VALUE}).")
    long lingerSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        String inputName = input.describe(images);
        Path stateDir = Files.createTempDirectory("vision-demo-state-");
        Path sentImages = Files.createDirectories(stateDir.resolve("sent-images"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Map<String, String> overrides = new HashMap<>();
            if (tasks != null) {
                overrides.put("vision.tasks", String.join(",", tasks));
            }
            overrides.put("bootstrap.servers", kafka.bootstrapServers());
            overrides.put("application.id", "vision-streams-demo");
            overrides.put("state.dir", stateDir.toString());
            if (zonesFile != null) {
                overrides.put("vision.zones.file", zonesFile.toString());
            }
            if (metricsPort >= 0) {
                overrides.put("vision.http.port", Integer.toString(metricsPort));
                overrides.put("vision.http.bind-address", "127.0.0.1"); // the demo serves this machine only
            }
            VisionConfig config = ConfigLoader.load(configFile, System.getenv(), overrides);
            kafka.createTopics(List.of(config.topics().imageEvents()), partitions);
            kafka.createTopics(config.topics().all(), 1);
            List<String> taskNames = Arrays.stream(VisionTask.values()).filter(config.tasks()::contains)
                    .map(VisionTask::configName).toList();
            console.printf("Kafka (KRaft, in-process) at %s; loading models for %s ...%n", kafka.bootstrapServers(),
                    taskNames);
            console.flush();
            VisionMetrics metrics = VisionMetrics.prometheus();
            DemoReport report = new DemoReport();
            Map<String, Path> filesByEvent = new LinkedHashMap<>();
            EventLedger ledger;
            long start;
            long end;
            try (LoadedModels models = new ModelLoader(config).loadEnabled();
                 VisionApp app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties())) {
                app.start();
                if (app.httpPort() >= 0) {
                    console.printf("metrics: http://127.0.0.1:%d/metrics  health: /health/live /health/ready%n", app.httpPort());
                }
                start = System.nanoTime();
                try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(),
                        config.topics().imageEvents());
                     EventSource source = input.open(images)) {
                    new EventPump(producer, 64, 0, console, Duration.ofSeconds(10)).run(source, event ->
                            filesByEvent.put(event.getEventId(), DemoInput.keep(event, sentImages, filesByEvent.size())));
                }
                console.printf("sent %d image events from %s; waiting for results ...%n", filesByEvent.size(), inputName);
                console.flush();
                ledger = new EventLedger(filesByEvent.keySet(), withTags(taskNames, config));
                try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
                    while (!ledger.complete() && System.nanoTime() < deadline) {
                        for (Outcome o : reader.poll(Duration.ofMillis(200))) {
                            ledger.record(o);
                            report.add(o);
                            DemoEvents.print(console, o);
                        }
                    }
                }
                end = System.nanoTime();
                if (lingerSeconds > 0) {
                    console.printf("lingering %d s (Ctrl-C to stop) ...%n", lingerSeconds);
                    console.flush();
                    Thread.sleep(Duration.ofSeconds(lingerSeconds).toMillis());
                }
            }
            double seconds = (end - start) / 1e9;
            report.write(out);
            VisionConfig.Decoding limits = config.decoding();
            // the stream's own limits: every file it decoded decodes again
            ImageDecoder decoder = new ImageDecoder(limits.maxBytes(), limits.maxPixels());
            Path annotated = report.writePreviews(out, filesByEvent, decoder, TrackingConfig.of(config).zonesFromFile());
            report.printTable(console, List.copyOf(filesByEvent.keySet()), taskNames);
            long tags = report.outcomes().stream().filter(o -> Outcome.TAGS.equals(o.task())).count();
            long objectEvents = report.outcomes().stream().filter(o -> Outcome.OBJECT_EVENTS.equals(o.task())).count();
            long results = report.outcomes().stream().filter(o -> !o.isDeadLetter()).count() - tags - objectEvents;
            long deadLetters = report.outcomes().size() - results - tags - objectEvents;
            console.printf("%n%d events, %d results, %d dead letter%s%s in %.1f s; wrote %s, %s/ and %s/%n",
                    filesByEvent.size(), results, deadLetters, deadLetters == 1 ? "" : "s",
                    objectEvents > 0 ? ", " + objectEvents + " object events" : "", seconds,
                    out.resolve("results.jsonl"), out.resolve(DemoReport.MASKS), annotated);
            if (input.video == null) { // ground truth can lie beside images, not beside a video
                DemoAccuracy.report(out, images.folder(), taskNames, console);
            }
            if (!ledger.complete()) {
                spec.commandLine().getErr().printf("unaccounted for after %d s: %s%n", timeoutSeconds, ledger.missing());
                return VisionStreamsCli.EXIT_INCOMPLETE;
            }
            return 0;
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    /** The ledger's tasks: every enabled task, and Tags (one per decoded event) when enabled. */
    private static List<String> withTags(List<String> tasks, VisionConfig config) {
        List<String> out = new java.util.ArrayList<>(tasks);
        if (config.flow().tagsEnabled()) {
            out.add(Outcome.TAGS);
        }
        return out;
    }
}
