package io.visionstreams.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxKalmanFilterTest {

    // a box centred at (0.5, 0.5), 0.2 wide and 0.4 high: measurement (0.5, 0.5, 0.5, 0.4)
    private static final Box BOX = new Box(0.4, 0.3, 0.6, 0.7);

    @Test
    void initiatesAtTheBoxWithHeightScaledUncertainty() {
        KalmanState s = BoxKalmanFilter.initiate(BOX);
        assertThat(s.mean()).containsExactly(new double[] {0.5, 0.5, 0.5, 0.4, 0, 0, 0, 0}, within(1e-12));
        // position std 2 * 1/20 * 0.4 = 0.04; velocity std 10 * 1/160 * 0.4 = 0.025
        assertThat(s.covariance()[0][0]).isCloseTo(0.0016, within(1e-12));
        assertThat(s.covariance()[4][4]).isCloseTo(0.000625, within(1e-12));
        assertThat(s.covariance()[2][2]).isCloseTo(1e-4, within(1e-12));
        assertThat(s.covariance()[0][4]).isZero();
    }

    @Test
    void predictsOneReferenceFrameAddingVelocityUncertaintyAndProcessNoise() {
        KalmanState s = BoxKalmanFilter.predict(BoxKalmanFilter.initiate(BOX), BoxKalmanFilter.REFERENCE_FRAME_MS, false);
        // P00' = P00 + P44 + q00 = 0.0016 + 0.000625 + (0.4/20)^2 = 0.002625; P04' = P44 = 0.000625
        assertThat(s.covariance()[0][0]).isCloseTo(0.002625, within(1e-12));
        assertThat(s.covariance()[0][4]).isCloseTo(0.000625, within(1e-12));
        // P44' = 0.000625 + (0.4/160)^2 = 0.00063125
        assertThat(s.covariance()[4][4]).isCloseTo(0.00063125, within(1e-12));
        assertThat(s.box()).isEqualTo(BoxKalmanFilter.initiate(BOX).box());
    }

    @Test
    void movesByVelocityTimesElapsedTimeSoFrameRateDoesNotMatter() {
        // given: a state moving +0.01 in x per reference frame
        KalmanState s = BoxKalmanFilter.initiate(BOX);
        double[] mean = s.mean().clone();
        mean[4] = 0.01;
        KalmanState moving = new KalmanState(mean, s.covariance());
        // when: 200 ms (6 reference frames) at once, or in six steps
        KalmanState once = BoxKalmanFilter.predict(moving, 200, false);
        KalmanState stepped = moving;
        for (int i = 0; i < 6; i++) {
            stepped = BoxKalmanFilter.predict(stepped, 200.0 / 6, false);
        }
        // then: the same place, 0.06 to the right
        assertThat(once.mean()[0]).isCloseTo(0.56, within(1e-12));
        assertThat(stepped.mean()[0]).isCloseTo(0.56, within(1e-12));
    }

    @Test
    void updatePullsTheStateTowardsTheMeasurementByTheKalmanGain() {
        // given: the initial state; measured 0.02 to the right
        KalmanState s = BoxKalmanFilter.initiate(BOX);
        // when
        KalmanState u = BoxKalmanFilter.update(s, new Box(0.42, 0.3, 0.62, 0.7));
        // then: gain on x = P00 / (P00 + R00) = 0.0016 / (0.0016 + 0.0004) = 0.8, so x = 0.5 + 0.8 * 0.02
        assertThat(u.mean()[0]).isCloseTo(0.516, within(1e-12));
        // velocity gain = P40 / S = 0 (no correlation yet)
        assertThat(u.mean()[4]).isCloseTo(0, within(1e-12));
        // P00 = P00 - K S K = 0.0016 - 0.8 * 0.002 * 0.8 = 0.00032
        assertThat(u.covariance()[0][0]).isCloseTo(0.00032, within(1e-12));
    }
}
