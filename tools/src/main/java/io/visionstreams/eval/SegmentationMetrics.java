package io.visionstreams.eval;

import io.visionstreams.inference.segmentation.LabelMap;

/**
 * Accumulates a confusion matrix (ground truth rows, prediction columns) over a set of label maps
 * and reports IoU as the VOC benchmark defines it: per class, intersections and unions summed over
 * all images, pixels whose ground truth is {@value #IGNORE} left out; the set mIoU averages the
 * classes with a non-empty union (present in the ground truth or the prediction). Not thread-safe.
 */
public final class SegmentationMetrics {

    /** Ground-truth value of pixels that do not count (VOC's object borders and "void"). */
    public static final int IGNORE = 255;

    private final int classes;
    private final long[][] confusion;

    public SegmentationMetrics(int classes) {
        if (classes < 1 || classes > IGNORE) {
            throw new IllegalArgumentException("classes must be 1.." + IGNORE + ", got " + classes);
        }
        this.classes = classes;
        this.confusion = new long[classes][classes];
    }

    /** Adds one image; both maps must have the same size. A rejected image adds nothing. */
    public SegmentationMetrics add(LabelMap prediction, LabelMap groundTruth) {
        if (prediction.width() != groundTruth.width() || prediction.height() != groundTruth.height()) {
            throw new IllegalArgumentException("prediction " + prediction.width() + "x" + prediction.height()
                    + " and ground truth " + groundTruth.width() + "x" + groundTruth.height() + " differ in size");
        }
        byte[] pred = prediction.labels();
        byte[] gt = groundTruth.labels();
        long[][] counts = new long[classes][classes]; // a bad image leaves the set's totals untouched
        for (int i = 0; i < gt.length; i++) {
            int g = gt[i] & 0xFF;
            if (g == IGNORE) {
                continue;
            }
            int p = pred[i] & 0xFF;
            if (g >= classes || p >= classes) {
                throw new IllegalArgumentException("class " + Math.max(g, p) + " at pixel " + i + " is outside 0.."
                        + (classes - 1));
            }
            counts[g][p]++;
        }
        for (int g = 0; g < classes; g++) {
            for (int p = 0; p < classes; p++) {
                confusion[g][p] += counts[g][p];
            }
        }
        return this;
    }

    /** A copy of the confusion matrix, {@code [groundTruth][prediction]} pixel counts. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[classes][];
        for (int c = 0; c < classes; c++) {
            copy[c] = confusion[c].clone();
        }
        return copy;
    }

    /** IoU per class; {@code NaN} for a class absent from both ground truth and prediction. */
    public double[] classIoU() {
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long gtCount = 0;
            long predCount = 0;
            for (int k = 0; k < classes; k++) {
                gtCount += confusion[c][k];
                predCount += confusion[k][c];
            }
            long union = gtCount + predCount - confusion[c][c];
            iou[c] = union == 0 ? Double.NaN : (double) confusion[c][c] / union;
        }
        return iou;
    }

    /** Mean IoU over the classes with a non-empty union; {@code NaN} before any pixel counts. */
    public double meanIoU() {
        double sum = 0;
        int n = 0;
        for (double v : classIoU()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Correct pixels over counted (non-ignored) pixels. */
    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int g = 0; g < classes; g++) {
            correct += confusion[g][g];
            for (int p = 0; p < classes; p++) {
                total += confusion[g][p];
            }
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }
}
