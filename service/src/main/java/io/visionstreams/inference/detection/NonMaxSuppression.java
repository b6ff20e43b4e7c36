package io.visionstreams.inference.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression, with TensorFlow's semantics: candidates (box index + score) in,
 * the kept ones out, highest score first (equal scores: lower box index first). How much overlap
 * drops a candidate follows the runtime being matched ({@link Rule}); a box with no area overlaps
 * nothing (so degenerate boxes are never suppressed and suppress nothing).
 */
public final class NonMaxSuppression {

    /** When a candidate overlaps a kept box too much. */
    public enum Rule {
        /** TF.js: IoU in double, box corners in either order; dropped at IoU {@code >=} the threshold. */
        TFJS,
        /**
         * TFLite's {@code detection_postprocess} kernel: IoU in float32 on {@code (ymin, xmin, ymax, xmax)};
         * dropped at IoU {@code >} the threshold.
         */
        TFLITE;

        boolean suppresses(float[] boxes, int i, int j, double threshold) {
            return this == TFJS ? iou(boxes, i, j) >= threshold : iouFloat(boxes, i, j) > threshold;
        }
    }

    /** A box that competes: its index in the box array, a class, and its score. */
    public record Candidate(int box, int classId, float score) {}

    /** Score descending, then box index ascending (TF's tie order), then class ascending. */
    public static final Comparator<Candidate> BY_SCORE = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparingInt(Candidate::box).thenComparingInt(Candidate::classId);

    private NonMaxSuppression() {}

    /**
     * Suppresses overlapping candidates regardless of their class.
     *
     * @param boxes        {@code 4 * n} coordinates, {@code (ymin, xmin, ymax, xmax)} per box
     * @param candidates   in any order; not modified
     * @param iouThreshold drop a candidate whose IoU with a kept one is at least this
     * @param maxOutput    stop after this many kept boxes
     */
    public static List<Candidate> select(float[] boxes, List<Candidate> candidates, double iouThreshold,
                                         int maxOutput) {
        return select(boxes, candidates, iouThreshold, maxOutput, Rule.TFJS);
    }

    /** As {@link #select(float[], List, double, int)}, with the overlap rule of {@code rule}. */
    public static List<Candidate> select(float[] boxes, List<Candidate> candidates, double iouThreshold,
                                         int maxOutput, Rule rule) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(BY_SCORE);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (kept.size() >= maxOutput) {
                break;
            }
            boolean suppressed = false;
            for (int k = kept.size() - 1; k >= 0 && !suppressed; k--) {
                suppressed = rule.suppresses(boxes, c.box(), kept.get(k).box(), iouThreshold);
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Intersection over union of boxes {@code i} and {@code j} as TFLite's kernel computes it, in float32. */
    public static float iouFloat(float[] boxes, int i, int j) {
        float areaI = (boxes[4 * i + 2] - boxes[4 * i]) * (boxes[4 * i + 3] - boxes[4 * i + 1]);
        float areaJ = (boxes[4 * j + 2] - boxes[4 * j]) * (boxes[4 * j + 3] - boxes[4 * j + 1]);
        if (areaI <= 0 || areaJ <= 0) {
            return 0f;
        }
        float h = Math.max(Math.min(boxes[4 * i + 2], boxes[4 * j + 2]) - Math.max(boxes[4 * i], boxes[4 * j]), 0f);
        float w = Math.max(Math.min(boxes[4 * i + 3], boxes[4 * j + 3])
                - Math.max(boxes[4 * i + 1], boxes[4 * j + 1]), 0f);
        float intersection = h * w;
        return intersection / (areaI + areaJ - intersection);
    }

    /** Intersection over union of boxes {@code i} and {@code j}, as TF.js computes it. */
    public static double iou(float[] boxes, int i, int j) {
        double yMinI = Math.min(boxes[4 * i], boxes[4 * i + 2]);
        double xMinI = Math.min(boxes[4 * i + 1], boxes[4 * i + 3]);
        double yMaxI = Math.max(boxes[4 * i], boxes[4 * i + 2]);
        double xMaxI = Math.max(boxes[4 * i + 1], boxes[4 * i + 3]);
        double yMinJ = Math.min(boxes[4 * j], boxes[4 * j + 2]);
        double xMinJ = Math.min(boxes[4 * j + 1], boxes[4 * j + 3]);
        double yMaxJ = Math.max(boxes[4 * j], boxes[4 * j + 2]);
        double xMaxJ = Math.max(boxes[4 * j + 1], boxes[4 * j + 3]);
        double areaI = (yMaxI - yMinI) * (xMaxI - xMinI);
        double areaJ = (yMaxJ - yMinJ) * (xMaxJ - xMinJ);
        if (areaI <= 0 || areaJ <= 0) {
            return 0.0;
        }
        double h = Math.max(Math.min(yMaxI, yMaxJ) - Math.max(yMinI, yMinJ), 0.0);
        double w = Math.max(Math.min(xMaxI, xMaxJ) - Math.max(xMinI, xMinJ), 0.0);
        double intersection = h * w;
        return intersection / (areaI + areaJ - intersection);
    }
}
