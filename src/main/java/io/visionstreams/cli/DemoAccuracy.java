package io.visionstreams.cli;

import io.visionstreams.eval.ClassificationEvaluator;
import io.visionstreams.eval.ClassificationGroundTruth;
import io.visionstreams.eval.DetectionEvaluator;
import io.visionstreams.eval.DetectionGroundTruth;
import io.visionstreams.eval.ResultSet;
import io.visionstreams.eval.SegmentationEvaluator;
import io.visionstreams.eval.SegmentationGroundTruth;
import io.visionstreams.eval.TaskEvaluation;
import io.visionstreams.eval.report.EvaluationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The demo's accuracy: whatever ground truth lies beside the images is scored and reported into
 * {@code <out>/report/}. Detection: YOLO {@code .txt} files (the COCO samples'); segmentation: VOC
 * masks named {@code <image name>.png}, or {@code <name>_target.png} for {@code <name>_image.*} (the VOC
 * samples'); classification: a {@code classification.csv} of {@code event_id,label} (the samples have
 * none: their ImageNet photos come without labels, so the demo does not score classification).
 */
final class DemoAccuracy {

    static final String REPORT = "report";
    static final String CLASSIFICATION_TRUTH = "classification.csv";

    private DemoAccuracy() {}

    /** Prints one line per task and writes the report when any task had ground truth. */
    static void report(Path out, Path images, List<String> tasks, PrintWriter console) throws IOException {
        ResultSet results = ResultSet.read(out.resolve("results.jsonl"));
        List<TaskEvaluation> scored = new ArrayList<>();
        console.printf("%naccuracy against the ground truth in %s:%n", images);
        for (String task : tasks) {
            try {
                TaskEvaluation e = evaluate(task, results, images);
                if (e == null || (e.frameCount() == 0 && e.missing().isEmpty())) {
                    console.printf("  %-15s no ground truth%s%n", task, task.equals("classification")
                            ? " (a " + CLASSIFICATION_TRUTH + " of event_id,label beside the images would be scored)" : "");
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

    private static TaskEvaluation evaluate(String task, ResultSet results, Path images) throws IOException {
        switch (task) {
            case "classification" -> {
                Path csv = images.resolve(CLASSIFICATION_TRUTH);
                return Files.isRegularFile(csv)
                        ? ClassificationEvaluator.evaluate(results, ClassificationGroundTruth.read(csv)) : null;
            }
            case "detection" -> {
                return hasFiles(images, ".txt")
                        ? DetectionEvaluator.evaluate(results, DetectionGroundTruth.yoloFolder(images)) : null;
            }
            default -> {
                return SegmentationEvaluator.evaluate(results, SegmentationGroundTruth.folder(images, true));
            }
        }
    }

    private static boolean hasFiles(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
        }
    }
}
