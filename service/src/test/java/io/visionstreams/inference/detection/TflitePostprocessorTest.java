package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantics of TFLite's detection_postprocess kernel, on hand-made boxes and scores. */
class TflitePostprocessorTest {

    private static final CocoLabels LABELS = CocoLabels.fromLabelmap(List.of("???", "person", "???", "car"));
    /**
     * Anchors as centre-size, (ymin, xmin, ymax, xmax): A = [0, 0, 0.5, 0.25], B = [0, 0, 0.5, 0.5]
     * (IoU(A, B) exactly 0.5), C = [0.5, 0.5, 1, 1] apart from both.
     */
    private static final float[] ANCHORS = {0.25f, 0.125f, 0.5f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f,
        0.75f, 0.75f, 0.5f, 0.5f};
    private static final float[] NO_OFFSETS = new float[12];

    private static PostProcessOptions op(float scoreThreshold, float iouThreshold) {
        return new PostProcessOptions(10, 1, 100, scoreThreshold, iouThreshold, 3, false, 10f, 10f, 5f, 5f);
    }

    private static List<Detection> run(PostProcessOptions op, float[] scores, int[] rows, double publish, int max) {
        return new TflitePostprocessor(new SsdAnchors(ANCHORS, rows, SsdAnchors.Layout.CENTER_SIZE), LABELS, op, 4,
                publish, max).detections(NO_OFFSETS, 0, scores, 0);
    }

    @Test
    void overlapExactlyAtTheIouThresholdIsKeptAndAboveItSuppressed() {
        // given: A and B both "person", IoU(A, B) = 0.5 exactly
        float[] scores = {0f, 0.9f, 0f, 0f, 0f, 0.8f, 0f, 0f, 0f, 0f, 0f, 0f};

        // when
        List<Detection> atThreshold = run(op(0.25f, 0.5f), scores, null, 0, 100);
        List<Detection> belowThreshold = run(op(0.25f, 0.49f), scores, null, 0, 100);

        // then: the kernel drops only IoU > threshold (TF.js drops IoU >= threshold)
        assertThat(atThreshold).extracting(Detection::score).containsExactly(0.9f, 0.8f);
        assertThat(belowThreshold).extracting(Detection::score).containsExactly(0.9f);
    }

    @Test
    void scoreEqualToTheOpsThresholdCompetesAndClassIndexIsTheLabelmapLine() {
        // given: C's best class is column 3 at exactly the threshold
        float[] scores = {0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0.6f, 0.1f, 0f, 0.25f};

        // when
        List<Detection> out = run(op(0.25f, 0.6f), scores, null, 0, 100);

        // then: op class index 2 is labelmap line 3, COCO id 3; the box is C's, as (x, y) corners
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.classId()).isEqualTo(3);
            assertThat(d.label()).isEqualTo("car");
            assertThat(d.score()).isEqualTo(0.25f);
            assertThat(new float[] {d.xMin(), d.yMin(), d.xMax(), d.yMax()}).containsExactly(0.5f, 0.5f, 1f, 1f);
        });
    }

    @Test
    void anAnchorWhoseBestClassIsUnusedSuppressesButIsNotPublished() {
        // given: A's best is the unused id 2, B overlaps it (IoU 0.5) as "person", C is apart
        float[] scores = {0f, 0.5f, 0.9f, 0f, 0f, 0.8f, 0f, 0f, 0f, 0.7f, 0f, 0f};

        // when
        List<Detection> out = run(op(0.1f, 0.4f), scores, null, 0, 100);

        // then
        assertThat(out).extracting(Detection::score).containsExactly(0.7f);
    }

    @Test
    void rowsAreReadThroughTheAnchorsRowMapAndPublishingFiltersAfterTheOp() {
        // given: the model's rows are in reverse anchor order; C (row 0) scores 0.9, A (row 2) 0.3
        float[] scores = {0f, 0.9f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0.3f, 0f, 0f};
        int[] reversed = {2, 1, 0};

        // when
        List<Detection> all = run(op(0.1f, 0.6f), scores, reversed, 0, 100);
        List<Detection> published = run(op(0.1f, 0.6f), scores, reversed, 0.5, 100);
        List<Detection> one = run(op(0.1f, 0.6f), scores, reversed, 0, 1);

        // then
        assertThat(all).extracting(Detection::xMin).containsExactly(0.5f, 0f);
        assertThat(published).extracting(Detection::score).containsExactly(0.9f);
        assertThat(one).extracting(Detection::score).containsExactly(0.9f);
    }

    @Test
    void regularNmsKeepsOverlappingObjectsOfDifferentClassesWhereFastNmsKeepsOne() {
        // given: A "person" 0.9 and B "car" 0.8 overlap at IoU 0.5, above the op's 0.4
        float[] scores = {0f, 0.9f, 0f, 0f, 0f, 0f, 0f, 0.8f, 0f, 0f, 0f, 0f};
        PostProcessOptions fast = op(0.1f, 0.4f);
        PostProcessOptions regular = new PostProcessOptions(10, 1, 100, 0.1f, 0.4f, 3, true, 10f, 10f, 5f, 5f);

        // when
        List<Detection> agnostic = run(fast, scores, null, 0, 100);
        List<Detection> perClass = run(regular, scores, null, 0, 100);

        // then
        assertThat(agnostic).extracting(Detection::label).containsExactly("person");
        assertThat(perClass).extracting(Detection::label).containsExactly("person", "car");
    }

    @Test
    void boxesReachingPastTheImageArePublishedClippedToIt() {
        // given: C's encodings double its height and width (th = tw = 5 ln 2): [0.25, 0.25, 1.25, 1.25]
        float[] encodings = new float[12];
        encodings[10] = (float) (5 * Math.log(2));
        encodings[11] = (float) (5 * Math.log(2));
        float[] scores = {0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0.9f, 0f, 0f};

        // when
        Detection d = new TflitePostprocessor(new SsdAnchors(ANCHORS, null, SsdAnchors.Layout.CENTER_SIZE), LABELS,
                op(0.1f, 0.6f), 4, 0, 100).detections(encodings, 0, scores, 0).get(0);

        // then
        assertThat(d.xMin()).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(d.yMin()).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(d.xMax()).isEqualTo(1f);
        assertThat(d.yMax()).isEqualTo(1f);
    }
}
