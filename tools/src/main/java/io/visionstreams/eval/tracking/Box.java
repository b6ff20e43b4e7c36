package io.visionstreams.eval.tracking;

/** An axis-aligned box in pixels, MOTChallenge style: top-left corner, width, height. */
public record Box(double x, double y, double w, double h) {

    public static Box ofCorners(double xMin, double yMin, double xMax, double yMax) {
        return new Box(xMin, yMin, xMax - xMin, yMax - yMin);
    }

    /** Intersection over union; 0 for disjoint or empty boxes. */
    public double iou(Box o) {
        double iw = Math.min(x + w, o.x + o.w) - Math.max(x, o.x);
        double ih = Math.min(y + h, o.y + o.h) - Math.max(y, o.y);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (w * h + o.w * o.h - inter);
    }

    /** The anchor zones and lines test: the bottom centre, normalized by the image size. */
    public double[] anchor(double imageWidth, double imageHeight) {
        return new double[] {(x + w / 2) / imageWidth, (y + h) / imageHeight};
    }
}
