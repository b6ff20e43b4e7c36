package io.visionstreams.cli;

import io.visionstreams.eval.Comparison;
import io.visionstreams.eval.Evaluation;
import io.visionstreams.eval.EvaluationText;
import io.visionstreams.eval.MetricsJson;
import io.visionstreams.eval.ResultSet;
import io.visionstreams.eval.TaskEvaluation;
import io.visionstreams.eval.report.EvaluationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scores a {@code results.jsonl} (the demo's, or one written from the topics) against ground truth
 * for one task; optionally a second result set of the same frames beside it, and a report folder.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score results.jsonl against ground truth (top-1/top-5, COCO mAP, mIoU).")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, paramLabel = "FILE", description = "results.jsonl to score.")
    Path results;

    @Option(names = "--ground-truth", required = true, paramLabel = "PATH", description = {
            "classification: CSV event_id,label (ImageNet 0-based index or name);",
            "detection: COCO instances JSON (file_name = event_id) or a folder of YOLO .txt files;",
            "segmentation: a folder of VOC PNG masks (<image name>.png, or <name>_target.png for <name>_image.*)"
                    + " or a CSV event_id,mask[,voc|coral-bird|oxford-trimap]."})
    Path groundTruth;

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "classification, detection or segmentation.")
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

    @Option(names = "--gallery", defaultValue = "12", paramLabel = "N",
            description = "Frames in the report's gallery, worst first (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Evaluation.TASKS.contains(task)) {
            spec.commandLine().getErr().printf("--task must be one of %s, got %s%n", Evaluation.TASKS, task);
            return VisionStreamsCli.EXIT_USAGE;
        }
        Path imageFolder = images != null ? images : Files.isDirectory(groundTruth) ? groundTruth : null;
        boolean besideImages = images != null && Files.isDirectory(groundTruth)
                && Files.isSameFile(images, groundTruth);
        ResultSet first = ResultSet.read(results);
        TaskEvaluation a = Evaluation.evaluate(task, first, groundTruth, besideImages);
        EvaluationText.print(out, a);
        Comparison comparison = null;
        if (compare != null) {
            ResultSet second = ResultSet.read(compare);
            TaskEvaluation b = Evaluation.evaluate(task, second, groundTruth, besideImages);
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
}
