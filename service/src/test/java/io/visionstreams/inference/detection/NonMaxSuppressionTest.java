package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.detection.NonMaxSuppression.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

    /** Boxes as (ymin, xmin, ymax, xmax). */
    private static float[] boxes(float[]... boxes) {
        float[] out = new float[4 * boxes.length];
        for (int i = 0; i < boxes.length; i++) {
            System.arraycopy(boxes[i], 0, out, 4 * i, 4);
        }
        return out;
    }

    private static List<Integer> kept(List<Candidate> kept) {
        return kept.stream().map(Candidate::box).toList();
    }

    @Test
    void overlappingBoxOfLowerScoreIsSuppressed() {
        // given: box 1 covers 0.81 of box 0 (IoU 0.81)
        float[] b = boxes(new float[] {0, 0, 1, 1}, new float[] {0, 0, 0.9f, 0.9f}, new float[] {2, 2, 3, 3});
        List<Candidate> c = List.of(new Candidate(1, 5, 0.8f), new Candidate(0, 5, 0.9f), new Candidate(2, 5, 0.7f));

        // when
        List<Candidate> kept = NonMaxSuppression.select(b, c, 0.6f, 100);

        // then: the better of the overlapping pair survives, the far box too, best first
        assertThat(kept(kept)).containsExactly(0, 2);
    }

    @Test
    void boxesOfDifferentClassesAreKeptByPerClassSuppression() {
        // given: the same box scored for two classes
        float[] b = boxes(new float[] {0, 0, 1, 1});
        CocoLabels labels = new CocoLabels(List.of("person", "bicycle"));
        SsdAnchors anchors = new SsdAnchors(new float[] {0.25f, 0.25f, 0.75f, 0.75f});
        float[] encodings = new float[4]; // zero offsets: the anchor itself
        float[] scores = {0.01f, 0.9f, 0.8f}; // background, person, bicycle

        // when
        List<Detection> perClass = new SsdPostprocessor(anchors, labels, DetectionOptions.DEFAULTS)
                .detections(encodings, 0, scores, 0);
        List<Detection> agnostic = new SsdPostprocessor(anchors, labels, new DetectionOptions(0.3, 0.6, 100, true))
                .detections(encodings, 0, scores, 0);

        // then
        assertThat(perClass).extracting(Detection::label).containsExactly("person", "bicycle");
        assertThat(agnostic).extracting(Detection::label).containsExactly("person");
        assertThat(NonMaxSuppression.iou(b, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void iouExactlyAtThresholdSuppresses() {
        // given: half-overlapping unit squares, IoU = 0.5 / (1 + 1 - 0.5) = 1/3
        float[] b = boxes(new float[] {0, 0, 1, 1}, new float[] {0, 0.5f, 1, 1.5f});
        double iou = NonMaxSuppression.iou(b, 0, 1);
        List<Candidate> c = List.of(new Candidate(0, 1, 0.9f), new Candidate(1, 1, 0.8f));

        // when
        List<Candidate> atThreshold = NonMaxSuppression.select(b, c, iou, 100);
        List<Candidate> justAbove = NonMaxSuppression.select(b, c, Math.nextUp(iou), 100);

        // then: TF drops a box whose IoU is >= the threshold
        assertThat(iou).isEqualTo(1.0 / 3.0);
        assertThat(kept(atThreshold)).containsExactly(0);
        assertThat(kept(justAbove)).containsExactly(0, 1);
    }

    @Test
    void stopsAtMaxOutputKeepingTheBest() {
        // given: five disjoint boxes
        float[] b = new float[20];
        for (int i = 0; i < 5; i++) {
            b[4 * i] = 2 * i;
            b[4 * i + 2] = 2 * i + 1;
            b[4 * i + 3] = 1;
        }
        List<Candidate> c = List.of(new Candidate(0, 1, 0.1f), new Candidate(1, 1, 0.5f), new Candidate(2, 1, 0.3f),
                new Candidate(3, 1, 0.9f), new Candidate(4, 1, 0.7f));

        // when
        List<Candidate> kept = NonMaxSuppression.select(b, c, 0.5f, 3);

        // then
        assertThat(kept(kept)).containsExactly(3, 4, 1);
    }

    @Test
    void equalScoresKeepTheLowerBoxIndexFirst() {
        // given: two identical boxes with identical scores, listed high index first
        float[] b = boxes(new float[] {0, 0, 1, 1}, new float[] {0, 0, 1, 1});
        List<Candidate> c = List.of(new Candidate(1, 1, 0.5f), new Candidate(0, 1, 0.5f));

        // when
        List<Candidate> kept = NonMaxSuppression.select(b, c, 0.5f, 10);

        // then
        assertThat(kept(kept)).containsExactly(0);
    }

    @Test
    void degenerateBoxesNeitherSuppressNorGetSuppressed() {
        // given: a zero-area box on top of a real one, and a box with swapped corners
        float[] b = boxes(new float[] {0, 0, 1, 1}, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new float[] {1, 1, 0, 0});
        List<Candidate> c = List.of(new Candidate(1, 1, 0.95f), new Candidate(0, 1, 0.9f), new Candidate(2, 1, 0.8f));

        // when
        List<Candidate> kept = NonMaxSuppression.select(b, c, 0.5f, 10);

        // then: the point box overlaps nothing; the swapped box is the same square as box 0
        assertThat(NonMaxSuppression.iou(b, 0, 1)).isZero();
        assertThat(NonMaxSuppression.iou(b, 0, 2)).isEqualTo(1.0);
        assertThat(kept(kept)).containsExactly(1, 0);
    }
}
