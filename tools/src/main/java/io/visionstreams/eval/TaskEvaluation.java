package io.visionstreams.eval;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One task's results scored against ground truth, in the shape every view (console, JSON, report,
 * comparison) reads: the headline numbers, per-class values, the most-confused class pairs,
 * precision–recall curves, one row per scored frame and the results' latencies.
 *
 * @param headline  the task's headline metrics by their JSON names (top1/top5, map/ap50/ap75, miou/pixel_accuracy)
 * @param missing   ground-truth entries with no result of this task (dead-lettered, or never sent)
 * @param unscored  results with no ground truth
 * @param curves    precision–recall at IoU 0.5, all classes first, then per class (detection); empty
 *                  for a task without them, whose report then draws none
 * @param latencyMs queue + inference milliseconds of every result of the task, ground truth or not
 * @param truth     per scored event id: its ground truth as the task's record (Detections, Segmentation:
 *                  drawn as its {@code TaskSpec.overlay} says), or the true label (classification)
 * @param results   the result set scored (its records draw the predictions)
 */
public record TaskEvaluation(String task, String source, String model, Map<String, Double> headline,
                             List<String> missing, int unscored, List<ClassRow> classes,
                             List<Confusion> confusions, List<Curve> curves, List<Frame> frames,
                             List<Double> latencyMs, Function<String, Object> truth,
                             ResultSet results) {

    /**
     * @param value   AP (detection), IoU (segmentation) or top-1 accuracy (classification)
     * @param value50 AP50 (detection), else NaN
     * @param support objects (detection), ground-truth pixels (segmentation) or frames (classification)
     */
    public record ClassRow(int id, String name, double value, double value50, long support) {}

    /** {@code count} of the truth class's units (frames, pixels, objects) taken for {@code predicted}; {@code share} of the truth class's. */
    public record Confusion(String truth, String predicted, long count, double share) {}

    public record Curve(String name, double[] x, double[] y) {}

    /**
     * @param score   the frame's own score in [0, 1] (correct top-1; matched / (objects + false detections); image mIoU)
     * @param summary what happened on it, for people
     */
    public record Frame(String eventId, double score, String summary) {}

    public int frameCount() {
        return frames.size();
    }

    /** The task's evaluation side: its words and its measure of a difference. */
    public EvaluationSpec spec() {
        return EvaluationSpecs.of(task);
    }
}
