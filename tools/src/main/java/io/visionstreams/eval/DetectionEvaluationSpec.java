package io.visionstreams.eval;

import io.visionstreams.avro.Detections;
import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Detection scored by {@link DetectionEvaluator} against COCO instances JSON or YOLO {@code .txt}
 * files (in the demo: YOLO files beside the images); two results differ on a frame by their
 * detections without a same-class detection of the other at IoU ≥ 0.5.
 */
final class DetectionEvaluationSpec implements EvaluationSpec {

    private static final double MATCH_IOU = 0.5;

    @Override
    public VisionTask task() {
        return VisionTask.DETECTION;
    }

    @Override
    public TaskEvaluation evaluate(ResultSet results, Path groundTruth, boolean besideImages) throws IOException {
        return DetectionEvaluator.evaluate(results, DetectionGroundTruth.read(groundTruth));
    }

    @Override
    public Optional<TaskEvaluation> evaluateBesideImages(ResultSet results, Path images) throws IOException {
        try (Stream<Path> files = Files.list(images)) {
            if (files.noneMatch(p -> p.getFileName().toString().endsWith(".txt"))) {
                return Optional.empty();
            }
        }
        return Optional.of(DetectionEvaluator.evaluate(results, DetectionGroundTruth.yoloFolder(images)));
    }

    @Override
    public double difference(TaskEvaluation.Frame first, TaskEvaluation.Frame second, ResultSet firstResults,
                             ResultSet secondResults) {
        return unmatched(firstResults.detections().get(first.eventId()),
                secondResults.detections().get(second.eventId()));
    }

    @Override
    public String differenceText(double difference) {
        return (int) difference + " unmatched detections";
    }

    @Override
    public String differenceCell(double difference) {
        return (int) difference + " unmatched";
    }

    @Override
    public String groundTruthHelp() {
        return "COCO instances JSON (file_name = event_id) or a folder of YOLO .txt files";
    }

    @Override
    public EvaluationWords words() {
        return new EvaluationWords("Detection (COCO)", "AP@[.5:.95] per class", "AP", "AP50", "objects",
                Map.of("map", "mAP@[.5:.95]", "ap50", "AP50", "ap75", "AP75"));
    }

    /** Detections of either frame with no same-class detection of the other at IoU ≥ 0.5 (greedy by score). */
    static int unmatched(Detections a, Detections b) {
        List<CocoBox> boxesA = new ArrayList<>(DetectionEvaluator.pixels(a));
        List<CocoBox> boxesB = new ArrayList<>(DetectionEvaluator.pixels(b));
        boxesA.sort(Comparator.comparingDouble(x -> -x.score()));
        boolean[] taken = new boolean[boxesB.size()];
        int matched = 0;
        for (CocoBox x : boxesA) {
            int best = -1;
            double bestIou = MATCH_IOU;
            for (int j = 0; j < boxesB.size(); j++) {
                CocoBox y = boxesB.get(j);
                double iou = y.iou(x);
                if (!taken[j] && y.categoryId() == x.categoryId() && iou >= bestIou) {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                matched++;
            }
        }
        return boxesA.size() + boxesB.size() - 2 * matched;
    }
}
