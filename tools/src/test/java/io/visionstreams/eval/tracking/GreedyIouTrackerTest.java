package io.visionstreams.eval.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyIouTrackerTest {

    private static TrackRow det(int frame, double x, String label) {
        return new TrackRow(frame, 99L, new Box(x, 0, 10, 10), label, 0.8);
    }

    @Test
    void linksOverlappingSameLabelBoxesAndForgetsATrackAfterOneMissedFrame() {
        // given: a at x = 0, 4, 8, 12 on frames 1-4 (IoU between steps (10-4)/(10+4) = 0.43 ≥ 0.3);
        // b at x = 30, 26 on frames 1-2, missing on frame 3, back at 22 on frame 4;
        // a dog at x = 8 on frame 2 overlapping a's box of frame 1 (IoU 2/18) but of another label anyway
        List<TrackRow> dets = List.of(det(1, 0, "person"), det(1, 30, "person"), det(2, 4, "person"),
                det(2, 26, "person"), det(2, 50, "dog"), det(3, 8, "person"), det(4, 12, "person"),
                det(4, 22, "person"));
        // when
        List<TrackRow> out = GreedyIouTracker.track(dets);
        // then: a keeps id 1, b id 2 until its gap, the dog gets 3, b after the gap a new id 4
        assertThat(out).extracting(TrackRow::trackId).containsExactly(1L, 2L, 1L, 2L, 3L, 1L, 1L, 4L);
    }

    @Test
    void takesTheBestOverlapFirst() {
        // given: frame 1 a track at x = 0; frame 2 two boxes at x = 3 (IoU 7/13) and x = 1 (IoU 9/11)
        List<TrackRow> dets = List.of(det(1, 0, "person"), det(2, 3, "person"), det(2, 1, "person"));
        // when
        List<TrackRow> out = GreedyIouTracker.track(dets);
        // then: the closer box continues track 1, the other starts track 2
        assertThat(out).extracting(TrackRow::trackId).containsExactly(1L, 2L, 1L);
    }
}
