package io.visionstreams.tracking;

/** An axis-aligned box in normalized image coordinates ((0,0) top-left), as Detections carry it. */
public record Box(double xMin, double yMin, double xMax, double yMax) {

    public Box {
        if (!(xMin <= xMax) || !(yMin <= yMax)) {
            throw new IllegalArgumentException("box with min past max: " + xMin + "," + yMin + "," + xMax + "," + yMax);
        }
    }

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    /** Intersection over union; 0 when either box has no area. */
    public double iou(Box other) {
        double w = Math.min(xMax, other.xMax) - Math.max(xMin, other.xMin);
        double h = Math.min(yMax, other.yMax) - Math.max(yMin, other.yMin);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double union = width() * height() + other.width() * other.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The point zones and lines test: the bottom centre (where the object stands), as DeepStream and Frigate use. */
    public Point anchor() {
        return new Point((xMin + xMax) / 2, yMax);
    }

    /** Centre x, centre y, aspect (width / height), height: the Kalman filter's measurement. */
    double[] toXyah() {
        double h = height();
        return new double[] {(xMin + xMax) / 2, (yMin + yMax) / 2, h > 0 ? width() / h : 0, h};
    }

    /** The box of a Kalman state's first four values (centre x, centre y, aspect, height). */
    static Box fromXyah(double[] m) {
        double h = Math.max(0, m[3]);
        double w = Math.max(0, m[2] * h);
        return new Box(m[0] - w / 2, m[1] - h / 2, m[0] + w / 2, m[1] + h / 2);
    }
}
