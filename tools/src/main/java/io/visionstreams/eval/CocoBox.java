package io.visionstreams.eval;

/**
 * One box in COCO's terms, in pixels: {@code [x, y, w, h]} from the top-left corner, a category id,
 * an area (COCO ground truth brings its own, usually the segment's; otherwise {@code w * h}), a
 * score (detections; 1 for ground truth) and the crowd flag (ground truth only).
 */
public record CocoBox(int categoryId, double x, double y, double w, double h, double area, double score,
                      boolean crowd) {

    /** A detection, its area the box's (as pycocotools' {@code loadRes} sets it). */
    public static CocoBox detection(int categoryId, double x, double y, double w, double h, double score) {
        return new CocoBox(categoryId, x, y, w, h, w * h, score, false);
    }

    /** A ground-truth object that is not a crowd, its area the box's. */
    public static CocoBox truth(int categoryId, double x, double y, double w, double h) {
        return new CocoBox(categoryId, x, y, w, h, w * h, 1, false);
    }

    /**
     * Intersection over union of a detection with this ground-truth box; against a crowd region,
     * intersection over the detection's area (COCO's definition: a detection inside a crowd matches it).
     */
    public double iou(CocoBox detection) {
        double iw = Math.min(detection.x + detection.w, x + w) - Math.max(detection.x, x);
        double ih = Math.min(detection.y + detection.h, y + h) - Math.max(detection.y, y);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double detArea = detection.w * detection.h;
        double union = crowd ? detArea : detArea + w * h - inter;
        return inter / union;
    }
}
