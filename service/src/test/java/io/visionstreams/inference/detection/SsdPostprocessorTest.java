package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SsdPostprocessorTest {

    private static final CocoLabels LABELS = new CocoLabels(List.of("person", "n/a", "car"));

    @Test
    void unusedCategoryIdsAndBackgroundAreNeverPublished() {
        // given: one anchor whose best scores are background and the n/a id
        SsdAnchors anchors = new SsdAnchors(new float[] {0.1f, 0.2f, 0.5f, 0.6f});
        float[] scores = {0.99f, 0.4f, 0.98f, 0.35f};

        // when
        List<Detection> perClass = new SsdPostprocessor(anchors, LABELS, DetectionOptions.DEFAULTS)
                .detections(new float[4], 0, scores, 0);
        List<Detection> agnostic = new SsdPostprocessor(anchors, LABELS, DetectionOptions.COCO_SSD)
                .detections(new float[4], 0, scores, 0);

        // then
        assertThat(perClass).extracting(Detection::classId).containsExactly(1, 3);
        assertThat(agnostic).extracting(Detection::classId).containsExactly(1);
    }

    @Test
    void scoresMustBeStrictlyAboveTheThreshold() {
        // given
        SsdAnchors anchors = new SsdAnchors(new float[] {0.1f, 0.2f, 0.5f, 0.6f});
        float[] scores = {0f, 0.25f, 0f, Math.nextUp(0.25f)};

        // when
        List<Detection> out = new SsdPostprocessor(anchors, LABELS, new DetectionOptions(0.25, 0.6, 100, false))
                .detections(new float[4], 0, scores, 0);

        // then
        assertThat(out).extracting(Detection::label).containsExactly("car");
    }

    @Test
    void boxesComeOutAsXyxyDecodedAgainstTheAnchor() {
        // given: anchor centre (0.3, 0.4), size 0.4 x 0.4; ty = 1 moves the centre by 0.1 * 0.4,
        // th = 5 * ln 2 doubles the height
        SsdAnchors anchors = new SsdAnchors(new float[] {0.1f, 0.2f, 0.5f, 0.6f});
        float[] encodings = {1f, 0f, (float) (5 * Math.log(2)), 0f};
        float[] scores = {0f, 0.9f, 0f, 0f};

        // when
        Detection d = new SsdPostprocessor(anchors, LABELS, DetectionOptions.DEFAULTS)
                .detections(encodings, 0, scores, 0).get(0);

        // then: y centre 0.34, height 0.8, so the box starts at y -0.06: clipped to the image's top edge; x unchanged
        assertThat(d.yMin()).isZero();
        assertThat(d.yMax()).isCloseTo(0.74f, within(1e-6f));
        assertThat(d.xMin()).isCloseTo(0.2f, within(1e-6f));
        assertThat(d.xMax()).isCloseTo(0.6f, within(1e-6f));
    }
}
