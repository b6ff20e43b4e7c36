package io.visionstreams.inference.detection;

/**
 * How raw SSD scores become published detections. Thresholds are doubles, compared with the
 * float32 scores and double IoUs as TF.js compares them (a JavaScript number is a double).
 *
 * @param scoreThreshold keep a class score strictly above this (TF's NMS semantics)
 * @param iouThreshold   suppress a box whose IoU with a kept box of the same class (or any class,
 *                       when {@code classAgnostic}) is at least this
 * @param maxDetections  at most this many objects per frame, highest scores first
 * @param classAgnostic  {@code false}: per-class NMS over every class score above the threshold (the
 *                       model's own pipeline); {@code true}: each anchor competes once with its best
 *                       class, and NMS ignores classes (what the coco-ssd JavaScript runtime does)
 */
public record DetectionOptions(double scoreThreshold, double iouThreshold, int maxDetections, boolean classAgnostic) {

    /**
     * Defaults: score 0.3 (coco-ssd's published threshold; 1e-8 from the training config would flood
     * a stream with junk), per-class NMS at IoU 0.6 with at most 100 objects (the model's pipeline
     * config: {@code multiclass_non_max_suppression}, iou 0.6, 100 total).
     */
    public static final DetectionOptions DEFAULTS = new DetectionOptions(0.3, 0.6, 100, false);

    /** coco-ssd 2.2.3's {@code detect(img, 100, 0.3)}: class-agnostic NMS, score and IoU both 0.3. */
    public static final DetectionOptions COCO_SSD = new DetectionOptions(0.3, 0.3, 100, true);

    public DetectionOptions {
        if (!(scoreThreshold >= 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("detection score threshold must be in [0, 1), got " + scoreThreshold);
        }
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("detection IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("max detections must be at least 1, got " + maxDetections);
        }
    }
}
