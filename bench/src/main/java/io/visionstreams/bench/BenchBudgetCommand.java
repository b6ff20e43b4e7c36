package io.visionstreams.bench;

import io.visionstreams.cli.ImagesOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.batching.InferencePermits;
import io.visionstreams.batching.Workers;

import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench budget}: today's per-model workers against one shared inference budget, in one run, rounds interleaved. */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "Every enabled model with one worker per core, with and without one shared inference budget "
                + "(vision.batch.inference-permits): frames/s per task and for all tasks on one stream.")
final class BenchBudgetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", split = ",", defaultValue = "classification,detection,segmentation",
            description = "Tasks (default: ${DEFAULT-VALUE}).")
    List<String> tasks;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds per load and policy, per round (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds, each running both policies (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin
    ImagesOption images;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", String.join(",", tasks)));
        int workers = Workers.resolve(config.batching().workers(), false, System.getenv("OMP_NUM_THREADS"));
        List<RgbImage> frames = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        for (byte[] bytes : io.visionstreams.bench.RawThroughput.images(images.folder())) {
            frames.add(decoder.decode(bytes));
        }
        Map<String, InferencePermits> policies = Map.of("per_model", InferencePermits.unlimited(),
                "shared", InferencePermits.of(workers));
        ObjectNode sums = JSON.createObjectNode();
        try (LoadedModels models = new ModelLoader(config).loadEnabled()) {
            for (int round = 0; round < rounds; round++) {
                for (String policy : round % 2 == 0 ? List.of("per_model", "shared") : List.of("shared", "per_model")) {
                    BudgetBench.Result r = BudgetBench.run(models, frames, workers, policies.get(policy),
                            config.batching().maxSize(), Duration.ofSeconds(seconds), 2 * config.batching().maxSize());
                    add(sums, policy + "_stream_frames_per_s", r.stream() / rounds);
                    r.perTask().forEach((task, rate) -> add(sums, policy + "_" + task.configName() + "_img_per_s",
                            rate / rounds));
                    out.printf("round %d %-9s stream %.2f frames/s, per task %s%n", round, policy, r.stream(), r.perTask());
                    out.flush();
                }
            }
        }
        ObjectNode result = Machine.describe(JSON.createObjectNode());
        result.put("workers_per_model", workers)
                .put("shared_permits", workers).put("tasks", String.join(",", tasks)).put("seconds", seconds)
                .put("rounds", rounds);
        sums.fields().forEachRemaining(e -> result.put(e.getKey(), round(e.getValue().asDouble())));
        ratio(result, "shared_over_per_model_stream", sums, "shared_stream_frames_per_s", "per_model_stream_frames_per_s");
        for (String task : tasks) {
            String name = VisionTask.fromConfigName(task).configName();
            ratio(result, "shared_over_per_model_" + name, sums, "shared_" + name + "_img_per_s",
                    "per_model_" + name + "_img_per_s");
        }
        result.fields().forEachRemaining(e -> out.printf("%-44s %10s%n", e.getKey(), e.getValue().asText()));
        if (json) {
            out.println(JSON.writeValueAsString(result));
        }
        out.flush();
        return 0;
    }

    /** {@code key} = numerator / denominator, or null when the denominator is 0 (nothing completed in the window). */
    private static void ratio(ObjectNode result, String key, ObjectNode sums, String numerator, String denominator) {
        double below = sums.get(denominator).asDouble();
        if (below == 0) {
            result.putNull(key);
        } else {
            result.put(key, round(sums.get(numerator).asDouble() / below));
        }
    }

    private static void add(ObjectNode sums, String key, double value) {
        sums.put(key, (sums.has(key) ? sums.get(key).asDouble() : 0) + value);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
