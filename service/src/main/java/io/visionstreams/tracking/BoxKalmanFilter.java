package io.visionstreams.tracking;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * SORT's constant-velocity Kalman filter of a box, as ByteTrack's {@code kalman_filter.py} has it:
 * state (centre x, centre y, aspect, height) and their velocities; measurement the first four; noise
 * proportional to the box height. Time is event time: a step of {@code dt} reference frames (1/30 s,
 * the frame rate ByteTrack's constants were tuned at) moves the box by dt velocities and adds dt times
 * one frame's process noise, so a 5 fps feed and a 30 fps feed of one scene predict the same box.
 */
public final class BoxKalmanFilter {

    /** The time one of ByteTrack's frames stands for, in milliseconds (30 fps). */
    public static final double REFERENCE_FRAME_MS = 1000.0 / 30;
    private static final double STD_POSITION = 1.0 / 20;
    private static final double STD_VELOCITY = 1.0 / 160;
    private static final RealMatrix H = MatrixUtils.createRealMatrix(4, 8);

    static {
        for (int i = 0; i < 4; i++) {
            H.setEntry(i, i, 1);
        }
    }

    private BoxKalmanFilter() {}

    /** The state of a track first seen as {@code box}: zero velocity, uncertainty scaled by its height. */
    public static KalmanState initiate(Box box) {
        double[] z = box.toXyah();
        double h = z[3];
        double[] mean = {z[0], z[1], z[2], z[3], 0, 0, 0, 0};
        double[] std = {2 * STD_POSITION * h, 2 * STD_POSITION * h, 1e-2, 2 * STD_POSITION * h,
                10 * STD_VELOCITY * h, 10 * STD_VELOCITY * h, 1e-5, 10 * STD_VELOCITY * h};
        return new KalmanState(mean, diagonalSquared(std).getData());
    }

    /**
     * The state {@code elapsedMs} later; {@code freezeHeight} zeroes the height velocity first (ByteTrack
     * does so for tracks not seen on the last frame).
     */
    public static KalmanState predict(KalmanState state, double elapsedMs, boolean freezeHeight) {
        double dt = Math.max(0, elapsedMs) / REFERENCE_FRAME_MS;
        double[] m = state.mean().clone();
        if (freezeHeight) {
            m[7] = 0;
        }
        double h = m[3];
        RealMatrix f = MatrixUtils.createRealIdentityMatrix(8);
        for (int i = 0; i < 4; i++) {
            f.setEntry(i, i + 4, dt);
        }
        double[] std = {STD_POSITION * h, STD_POSITION * h, 1e-2, STD_POSITION * h,
                STD_VELOCITY * h, STD_VELOCITY * h, 1e-5, STD_VELOCITY * h};
        RealMatrix q = diagonalSquared(std).scalarMultiply(dt);
        RealVector mean = f.operate(new ArrayRealVector(m, false));
        RealMatrix cov = f.multiply(new Array2DRowRealMatrix(state.covariance(), false)).multiply(f.transpose()).add(q);
        return new KalmanState(mean.toArray(), cov.getData());
    }

    /** The state corrected by a measured box. */
    public static KalmanState update(KalmanState state, Box measured) {
        double[] z = measured.toXyah();
        double h = state.mean()[3];
        RealMatrix p = new Array2DRowRealMatrix(state.covariance(), false);
        RealMatrix r = diagonalSquared(new double[] {STD_POSITION * h, STD_POSITION * h, 1e-1, STD_POSITION * h});
        RealMatrix s = H.multiply(p).multiply(H.transpose()).add(r);
        RealMatrix pht = p.multiply(H.transpose());
        // K = P H^T S^-1, solved through S's Cholesky factor as kalman_filter.py does (S is symmetric positive definite)
        RealMatrix gain = new CholeskyDecomposition(s).getSolver().solve(pht.transpose()).transpose();
        RealVector mean = new ArrayRealVector(state.mean(), false);
        RealVector innovation = new ArrayRealVector(z, false).subtract(H.operate(mean));
        RealVector newMean = mean.add(gain.operate(innovation));
        RealMatrix newCov = p.subtract(gain.multiply(s).multiply(gain.transpose()));
        return new KalmanState(newMean.toArray(), newCov.getData());
    }

    private static RealMatrix diagonalSquared(double[] std) {
        double[] squared = new double[std.length];
        for (int i = 0; i < std.length; i++) {
            squared[i] = std[i] * std[i];
        }
        return MatrixUtils.createRealDiagonalMatrix(squared);
    }
}
