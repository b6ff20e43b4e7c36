package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.visionstreams.inference.segmentation.LabelMap;
import org.junit.jupiter.api.Test;

class SegmentationMetricsTest {

    @Test
    void accumulatesIntersectionsAndUnionsOverTheSetAndIgnoresVoidPixels() {
        // given: two 4-pixel images over 3 classes; class 2 never occurs; 255 = ignore
        SegmentationMetrics metrics = new SegmentationMetrics(3);

        // when
        metrics.add(map(0, 0, 1, 1), map(0, 0, 1, 255));  // the ignored pixel predicted 1 does not count
        metrics.add(map(0, 1, 1, 1), map(0, 0, 1, 1));

        // then: class 0: I = 3, U = 4; class 1: I = 3, U = 4; class 2 has no union
        assertThat(metrics.confusionMatrix()).isDeepEqualTo(new long[][] {{3, 1, 0}, {0, 3, 0}, {0, 0, 0}});
        assertThat(metrics.classIoU()[0]).isEqualTo(0.75);
        assertThat(metrics.classIoU()[1]).isEqualTo(0.75);
        assertThat(metrics.classIoU()[2]).isNaN();
        assertThat(metrics.meanIoU()).isEqualTo(0.75);
        assertThat(metrics.pixelAccuracy()).isCloseTo(6.0 / 7, within(1e-12));
    }

    @Test
    void aClassOnlyPredictedCountsWithIouZero() {
        SegmentationMetrics metrics = new SegmentationMetrics(3).add(map(2, 2, 0, 0), map(0, 0, 0, 0));

        // background: I = 2, U = 4; class 2: I = 0, U = 2
        assertThat(metrics.meanIoU()).isEqualTo(0.25);
    }

    @Test
    void rejectsMapsOfDifferentSizesAndClassesOutOfRange() {
        SegmentationMetrics metrics = new SegmentationMetrics(2);

        assertThatThrownBy(() -> metrics.add(map(0, 0, 0, 0), new LabelMap(2, 1, new byte[2])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.add(map(0, 0, 0, 5), map(0, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 5");
        assertThat(metrics.meanIoU()).isNaN();
    }

    private static LabelMap map(int... labels) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
        }
        return new LabelMap(2, 2, bytes);
    }
}
