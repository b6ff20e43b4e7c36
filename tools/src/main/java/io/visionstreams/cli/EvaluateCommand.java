package io.visionstreams.cli;

import io.visionstreams.eval.Comparison;
import io.visionstreams.eval.EvaluationSpecs;
import io.visionstreams.eval.EvaluationText;
import io.visionstreams.eval.MetricsJson;
import io.visionstreams.eval.ResultSet;
import io.visionstreams.eval.TaskEvaluation;
import io.visionstreams.eval.report.EvaluationReport;
import io.visionstreams.eval.report.TrackingReport;
import io.visionstreams.eval.tracking.GreedyIouTracker;
import io.visionstreams.eval.tracking.TrackingRun;
import io.visionstreams.eval.tracking.TrackingText;
import io.visionstreams.client.ClientProperties;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores a {@code results.jsonl} (the demo's, or one written by consume), or the result topics of a
 * cluster read through the same reader as consume, against ground truth
 * for one task; optionally a second result set of the same frames beside it, and a report folder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, resourceBundle = "io.visionstreams.cli.EvaluateHelp", description = "Score results.jsonl against ground truth (top-1/top-5, COCO mAP, mIoU; tracking: MOTA, IDF1, events).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--results", paramLabel = "FILE", description = "results.jsonl to score (or read the topics: --bootstrap-server).")
    Path results;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
            description = "Instead of --results: read the task's result and dead-letter topics of this cluster, as consume does.")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Client settings for the cluster (security.protocol, sasl.*, ssl.*).")
    Path commandConfig;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file naming the topics (vision.topics.*).")
    Path configFile;

    @Option(names = "--topics-suffix", defaultValue = "", paramLabel = "SUFFIX",
            description = "Appended to the topic names read, e.g. .replay-NAME.")
    String suffix;

    @Option(names = "--compare-topics-suffix", paramLabel = "SUFFIX",
            description = "Instead of --compare: the second result set from the topics with this suffix (e.g. the live ones: '').")
    String compareSuffix;

    /** Its description is every evaluation spec's {@code groundTruthHelp()}, one line per task ({@link EvaluateHelp}). */
    @Option(names = "--ground-truth", required = true, paramLabel = "PATH", descriptionKey = EvaluateHelp.GROUND_TRUTH)
    Path groundTruth;

    @Option(names = "--task", required = true, paramLabel = "TASK", completionCandidates = TaskNames.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    String task;

    @Option(names = "--json", description = "End with one line of JSON: the headline metrics, frames, missing.")
    boolean json;

    @Option(names = "--compare", paramLabel = "FILE", description = "A second results.jsonl of the same frames.")
    Path compare;

    @Option(names = "--report", paramLabel = "DIR", description = "Write metrics.json, summary.md and report.html here.")
    Path report;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder of the images the results are of, for the report's gallery (default: the"
                    + " ground-truth folder, if it is one). When it is the ground-truth folder, a file"
                    + " that was itself sent as an event is never taken for ground truth.")
    Path images;

    @Option(names = "--baseline", paramLabel = "TRACKER",
            description = "--task tracking: also re-track the same detections with this baseline and print it beside (greedy-iou).")
    String baseline;

    @Option(names = "--source", paramLabel = "SOURCE_ID",
            description = "--task tracking: the source to score (default: the only one in the results).")
    String source;

    @Option(names = "--tolerance", defaultValue = "3", paramLabel = "FRAMES",
            description = "--task tracking: how many frames an object event may be off (default: ${DEFAULT-VALUE}).")
    int tolerance;

    @Option(names = "--gallery", defaultValue = "12", paramLabel = "N",
            description = "Frames in the report's gallery, worst first (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (task.equals(TrackingRun.TASK)) {
            return tracking(out); // not a VisionTask: scores the detection results' track ids
        }
        if (!EvaluationSpecs.names().contains(task)) {
            spec.commandLine().getErr().printf("--task must be one of %s, got %s%n", EvaluationSpecs.names(), task);
            return VisionStreamsCli.EXIT_USAGE;
        }
        Path imageFolder = images != null ? images : Files.isDirectory(groundTruth) ? groundTruth : null;
        boolean besideImages = images != null && Files.isDirectory(groundTruth)
                && Files.isSameFile(images, groundTruth);
        if ((results == null) == (bootstrapServers == null)) {
            spec.commandLine().getErr().println("give either --results FILE or --bootstrap-server (the topics)");
            return VisionStreamsCli.EXIT_USAGE;
        }
        ResultSet first = results != null ? ResultSet.read(results) : fromTopics(suffix);
        TaskEvaluation a = EvaluationSpecs.of(task).evaluate(first, groundTruth, besideImages);
        EvaluationText.print(out, a);
        Comparison comparison = null;
        if (compare != null || (compareSuffix != null && bootstrapServers != null)) {
            ResultSet second = compare != null ? ResultSet.read(compare) : fromTopics(compareSuffix);
            TaskEvaluation b = EvaluationSpecs.of(task).evaluate(second, groundTruth, besideImages);
            out.println();
            EvaluationText.print(out, b);
            comparison = Comparison.of(a, b);
            out.println();
            EvaluationText.print(out, comparison);
        }
        if (report != null) {
            Path page = new EvaluationReport(imageFolder, gallery).write(report, List.of(a),
                    comparison == null ? List.of() : List.of(comparison));
            out.printf("report: %s%n", page);
        }
        if (json) {
            out.println(MetricsJson.headline(a, comparison));
        }
        out.flush();
        return 0;
    }

    private int tracking(PrintWriter out) throws Exception {
        if (results == null || (baseline != null && !baseline.equals(GreedyIouTracker.NAME))) {
            spec.commandLine().getErr().printf("--task tracking reads --results FILE; --baseline takes %s%n",
                    GreedyIouTracker.NAME);
            return VisionStreamsCli.EXIT_USAGE;
        }
        TrackingRun run = TrackingRun.evaluate(results, groundTruth, source, baseline != null, tolerance);
        TrackingText.print(out, run);
        if (report != null) {
            out.printf("report: %s%n", TrackingReport.write(report, run));
        }
        if (json) {
            out.println(TrackingText.json(run));
        }
        out.flush();
        return 0;
    }

    /** The task's results read off the cluster's topics (read_committed, up to the end offsets now), as consume reads them. */
    private ResultSet fromTopics(String topicSuffix) throws Exception {
        VisionConfig config = ConfigLoader.load(configFile, Map.of(), Map.of());
        Map<String, String> topics = ResultReader.topicsOf(config.topics(), List.of(VisionTask.fromConfigName(task)),
                topicSuffix);
        ResultSet set = new ResultSet(String.join(",", topics.keySet()));
        try (ResultReader reader = new ResultReader(ClientProperties.load(commandConfig, bootstrapServers), topics,
                null, null, true)) {
            reader.readToEnd(Duration.ofMinutes(10)).forEach(set::add);
        }
        return set;
    }

    /** The tasks {@code --task} takes, for its help: every evaluation spec's. */
    static final class TaskNames extends ArrayList<String> {

        TaskNames() {
            super(EvaluationSpecs.names());
            add(TrackingRun.TASK);
        }
    }
}
