package io.visionstreams.cli;

import io.visionstreams.eval.EvaluationSpec;
import io.visionstreams.eval.EvaluationSpecs;
import io.visionstreams.eval.ResultSet;
import io.visionstreams.eval.TaskEvaluation;
import io.visionstreams.eval.report.EvaluationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's accuracy: whatever ground truth lies beside the images, by each task's convention
 * ({@code EvaluationSpec.evaluateBesideImages}), is scored and reported into {@code <out>/report/}.
 * Detection: YOLO {@code .txt} files (the COCO samples'); segmentation: VOC masks named
 * {@code <image name>.png}, or {@code <name>_target.png} for {@code <name>_image.*} (the VOC
 * samples'); classification: a {@code classification.csv} of {@code event_id,label} (the samples have
 * none: their ImageNet photos come without labels, so the demo does not score classification).
 */
final class DemoAccuracy {

    static final String REPORT = "report";

    private DemoAccuracy() {}

    /** Prints one line per task and writes the report when any task had ground truth. */
    static void report(Path out, Path images, List<String> tasks, PrintWriter console) throws IOException {
        ResultSet results = ResultSet.read(out.resolve("results.jsonl"));
        List<TaskEvaluation> scored = new ArrayList<>();
        console.printf("%naccuracy against the ground truth in %s:%n", images);
        for (String task : tasks) {
            try {
                EvaluationSpec spec = EvaluationSpecs.of(task);
                TaskEvaluation e = spec.evaluateBesideImages(results, images).orElse(null);
                if (e == null || (e.frameCount() == 0 && e.missing().isEmpty())) {
                    console.printf("  %-15s no ground truth%s%n", task, spec.noGroundTruthNote());
                    continue;
                }
                scored.add(e);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-15s", task));
                e.headline().forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
                console.printf("%s  (%d frames, %d missing)%n", line, e.frameCount(), e.missing().size());
            } catch (IOException | RuntimeException e) {
                console.printf("  %-15s not scored: %s%n", task, e.getMessage());
            }
        }
        if (!scored.isEmpty()) {
            Path page = new EvaluationReport(images, 12).write(out.resolve(REPORT), scored, List.of());
            console.printf("  report: %s%n", page);
        }
        console.flush();
    }
}
