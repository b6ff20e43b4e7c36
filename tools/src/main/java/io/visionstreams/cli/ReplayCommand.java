package io.visionstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.client.Replay;
import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.ops.VisionMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-runs the topology over a slice of the input topic under its own application.id, writing to
 * {@code <topic>.replay-<name>}, optionally with other models or settings; stops by itself once
 * every partition has passed the end of the slice and prints a summary.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run the topology over a slice of the input topic into .replay-NAME topics, then stop.")
final class ReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--config", paramLabel = "FILE", description = "The live application's properties file (its topics, application.id, tasks).")
    Path configFile;

    @Option(names = "--name", required = true, description = "Names the replay: application.id <live id>-replay-NAME, topics <topic>.replay-NAME.")
    String name;

    @Mixin
    SliceOptions slice;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting to change for the replay, e.g. vision.model.detection=ssd_mobilenet_v1_coco (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--cleanup", description = "Afterwards, delete the replay's internal topics and consumer group (its output topics stay).")
    boolean cleanup;

    @Option(names = "--timeout", defaultValue = "3600", paramLabel = "SECONDS", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Properties client = cluster.clientProperties();
        Map<String, String> clusterKeys = new HashMap<>();
        client.stringPropertyNames().forEach(k -> clusterKeys.put(k, client.getProperty(k)));
        VisionConfig live = ConfigLoader.load(configFile, System.getenv(), clusterKeys);
        Replay.Plan plan = Replay.plan(live, client, name, slice.from(), slice.to(), sets);
        Path state = Files.createTempDirectory("vision-replay-state-");
        Map<String, String> overrides = new HashMap<>(clusterKeys);
        overrides.put("state.dir", state.toString());
        overrides.putAll(plan.overrides());
        VisionConfig replay = ConfigLoader.load(configFile, System.getenv(), overrides);
        console.printf("replay '%s' (application.id %s): %d input records of %s into %s%n", name, plan.applicationId(),
                plan.records(), live.topics().imageEvents(), plan.outputTopics().values());
        console.flush();
        long startNanos = System.nanoTime();
        boolean finished = false;
        try (Admin admin = Admin.create(client)) {
            Replay.prepare(admin, plan, live, replay);
            VisionMetrics metrics = VisionMetrics.prometheus();
            try (LoadedModels models = new ModelLoader(replay).loadEnabled();
                 VisionApp app = new VisionApp(replay, models, Wiring.frameLoader(replay), metrics, new Properties())) {
                app.start();
                long deadline = startNanos + Duration.ofSeconds(timeoutSeconds).toNanos();
                // consumed past the slice everywhere, and every consumed frame answered (closing commits the answers)
                while (!(finished = Replay.finished(admin, plan) && metrics.inFlightTotal() == 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            Map<String, Integer> counts = new TreeMap<>();
            try (ResultReader reader = new ResultReader(client,
                    ResultReader.withTags(ResultReader.topicsOf(replay.topics(), replay.tasks(), ""), replay), null, null, true)) {
                for (Outcome o : reader.readToEnd(Duration.ofSeconds(60))) {
                    counts.merge(o.task(), 1, Integer::sum);
                }
            }
            List<String> deleted = cleanup ? Replay.deleteInternal(admin, plan.applicationId()) : List.of();
            console.printf("replay '%s' %s in %.1f s: %d input records, outputs %s%s%n", name,
                    finished ? "finished" : "stopped unfinished", seconds, plan.records(), counts,
                    cleanup ? "; deleted " + deleted.size() + " internal topics and the group" : "");
            if (json) {
                ObjectNode summary = JSON.createObjectNode().put("name", name).put("application_id", plan.applicationId())
                        .put("finished", finished).put("input_records", plan.records()).put("seconds", seconds);
                ObjectNode outputs = summary.putObject("outputs");
                counts.forEach(outputs::put);
                console.println(JSON.writeValueAsString(summary));
            }
        } finally {
            Utils.delete(state.toFile());
        }
        return finished ? 0 : VisionStreamsCli.EXIT_INCOMPLETE;
    }
}
