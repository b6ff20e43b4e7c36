package io.visionstreams.tracking;

/**
 * A box's Kalman state: mean (centre x, centre y, aspect, height, and their velocities per reference
 * frame) and its 8×8 covariance. Values are not copied: treat both arrays as read-only.
 */
public record KalmanState(double[] mean, double[][] covariance) {

    public KalmanState {
        if (mean.length != 8 || covariance.length != 8) {
            throw new IllegalArgumentException("a box's Kalman state has 8 values");
        }
    }

    /** The predicted box. */
    public Box box() {
        return Box.fromXyah(mean);
    }
}
