package io.visionstreams.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Evaluates one task's results against the ground truth at a path, in that task's format. */
public final class Evaluation {

    public static final List<String> TASKS = List.of("classification", "detection", "segmentation");

    private Evaluation() {}

    /**
     * @param groundTruth  classification: a CSV; detection: a COCO instances JSON or a YOLO folder;
     *                     segmentation: a folder of VOC masks or a CSV naming them
     * @param besideImages whether a ground-truth folder also holds the images the results are of
     */
    public static TaskEvaluation evaluate(String task, ResultSet results, Path groundTruth, boolean besideImages)
            throws IOException {
        return switch (task) {
            case "classification" -> ClassificationEvaluator.evaluate(results, ClassificationGroundTruth.read(groundTruth));
            case "detection" -> DetectionEvaluator.evaluate(results, DetectionGroundTruth.read(groundTruth));
            case "segmentation" -> SegmentationEvaluator.evaluate(results,
                    SegmentationGroundTruth.read(groundTruth, besideImages));
            default -> throw new IllegalArgumentException("unknown task " + task + "; one of " + TASKS);
        };
    }
}
