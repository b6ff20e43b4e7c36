package io.visionstreams.cli;

import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.client.ResultsWriter;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads the result and dead-letter topics of a cluster (read_committed, up to the end offsets
 * fixed at start) into the results folder the demo writes: {@code results.jsonl} and {@code masks/}.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Read result and dead-letter topics into results.jsonl + masks/ (the demo's format), then stop.")
final class ConsumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file naming the topics (vision.topics.*) and tasks.")
    Path configFile;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", description = "Tasks whose topics to read (default: vision.tasks).")
    List<String> tasks;

    @Option(names = "--topics-suffix", defaultValue = "", paramLabel = "SUFFIX",
            description = "Appended to every topic name, e.g. .replay-NAME for a replay's outputs.")
    String suffix;

    @Mixin
    SliceOptions slice;

    @Option(names = "--out", defaultValue = "consumed", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "Give up reading after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Map<String, String> overrides = tasks == null ? Map.of() : Map.of("vision.tasks", String.join(",", tasks));
        VisionConfig config = ConfigLoader.load(configFile, Map.of(), overrides);
        Map<String, String> topics = ResultReader.withTags(ResultReader.topicsOf(config.topics(), config.tasks(), suffix),
                config, suffix);
        Map<String, Integer> counts = new TreeMap<>();
        boolean complete;
        try (ResultReader reader = new ResultReader(cluster.clientProperties(), topics, slice.from(),
                slice.to(), true);
             ResultsWriter writer = new ResultsWriter(out)) {
            for (Outcome o : reader.readToEnd(Duration.ofSeconds(timeoutSeconds))) {
                writer.write(o);
                counts.merge(o.task(), 1, Integer::sum);
            }
            complete = reader.reachedEnd();
        }
        console.printf("read %s from %s; wrote %s%n", counts, topics.keySet(), out.resolve(ResultsWriter.RESULTS));
        if (!complete) {
            spec.commandLine().getErr().printf("stopped after %d s before the end offsets%n", timeoutSeconds);
            return VisionStreamsCli.EXIT_INCOMPLETE;
        }
        return 0;
    }
}
