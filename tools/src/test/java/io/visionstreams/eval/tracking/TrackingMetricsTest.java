package io.visionstreams.eval.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLEAR-MOT and identity measures on sequences small enough to count by hand; every expected value
 * is worked out in the comments from the definitions, not by the code under test.
 */
class TrackingMetricsTest {

    /** A 10 × 10 box with its top-left corner at (x, y). */
    private static Box box(double x, double y) {
        return new Box(x, y, 10, 10);
    }

    private static TruthRow truth(int frame, long id, Box b) {
        return new TruthRow(frame, id, b, true, 1, 1);
    }

    private static TrackRow track(int frame, long id, Box b) {
        return new TrackRow(frame, id, b, "person", 0.9);
    }

    @Test
    void countsSwitchesMissesFalseBoxesAndFragmentsOfAHandMadeSequence() {
        // given: object 1 at (0,0) and object 2 at (100,0) on frames 1..4 (8 ground-truth boxes).
        // Track 7 follows object 1 on frames 1-2 (on frame 1 shifted 2 px: IoU = 8*10 / (200-80) = 2/3),
        // track 8 follows it on frames 3-4 (an ID switch at frame 3); track 9 follows object 2 on frames
        // 1, 2 and 4 (frame 3 missed: a fragmentation); track 10 is a false box at (300,0) on frame 4.
        List<TruthRow> gt = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            gt.add(truth(f, 1, box(0, 0)));
            gt.add(truth(f, 2, box(100, 0)));
        }
        List<TrackRow> tr = List.of(track(1, 7, box(2, 0)), track(2, 7, box(0, 0)), track(3, 8, box(0, 0)),
                track(4, 8, box(0, 0)), track(1, 9, box(100, 0)), track(2, 9, box(100, 0)), track(4, 9, box(100, 0)),
                track(4, 10, box(300, 0)));
        // when
        MotSequence s = MotSequence.of(gt, tr);
        ClearMot clear = ClearMot.of(s);
        IdentityScore id = IdentityScore.of(s);
        // then: TP = 4 + 3 = 7, FN = 1 (object 2, frame 3), FP = 1 (track 10), IDSW = 1 (object 1, frame 3)
        assertThat(clear.tp()).isEqualTo(7);
        assertThat(clear.fn()).isEqualTo(1);
        assertThat(clear.fp()).isEqualTo(1);
        assertThat(clear.idsw()).isEqualTo(1);
        // MOTA = 1 - (FN + FP + IDSW) / GT = 1 - 3/8 = 0.625
        assertThat(clear.mota()).isCloseTo(0.625, within(1e-12));
        // MOTP = (6 * 1 + 2/3) / 7 = 20/21
        assertThat(clear.motp()).isCloseTo(20.0 / 21, within(1e-12));
        // object 1: one run (a switch does not end it) → 0; object 2: two runs → 1
        assertThat(clear.frag()).isEqualTo(1);
        // object 1 matched 4/4 > 0.8: mostly tracked; object 2 3/4 = 0.75: partly
        assertThat(clear.mostlyTracked()).isEqualTo(1);
        assertThat(clear.partlyTracked()).isEqualTo(1);
        assertThat(clear.mostlyLost()).isZero();
        // identity: overlaps (1,7) = 2, (1,8) = 2, (2,9) = 3; the best pairing keeps 2 + 3 = 5 = IDTP;
        // 8 tracker boxes → IDFP = 3; 8 ground-truth boxes → IDFN = 3; IDF1 = 10 / (10 + 6) = 0.625
        assertThat(id.idtp()).isEqualTo(5);
        assertThat(id.idfp()).isEqualTo(3);
        assertThat(id.idfn()).isEqualTo(3);
        assertThat(id.idf1()).isCloseTo(0.625, within(1e-12));
        assertThat(id.idp()).isCloseTo(5.0 / 8, within(1e-12));
        assertThat(id.idr()).isCloseTo(5.0 / 8, within(1e-12));
        assertThat(id.truthOfTrack()).containsEntry(9L, 2L).hasSize(2);
    }

    @Test
    void keepsTheTrackThatContinuesRatherThanTheBetterOverlap() {
        // given: object 1 at (0,0) on frames 1-2; frame 1: track 1 on it exactly. Frame 2: track 1
        // shifted 2.5 px (IoU = 7.5 / 12.5 = 0.6) and track 2 exactly on it (IoU 1).
        List<TruthRow> gt = List.of(truth(1, 1, box(0, 0)), truth(2, 1, box(0, 0)));
        List<TrackRow> tr = List.of(track(1, 1, box(0, 0)), track(2, 1, box(2.5, 0)), track(2, 2, box(0, 0)));
        // when
        ClearMot clear = ClearMot.of(MotSequence.of(gt, tr));
        // then: CLEAR-MOT keeps the continuing match (no switch); track 2 is a false positive;
        // MOTP = (1 + 0.6) / 2 = 0.8; MOTA = 1 - 1/2 = 0.5
        assertThat(clear.idsw()).isZero();
        assertThat(clear.fp()).isEqualTo(1);
        assertThat(clear.motp()).isCloseTo(0.8, within(1e-12));
        assertThat(clear.mota()).isCloseTo(0.5, within(1e-12));
        assertThat(clear.matches().get(1L)).containsEntry(2, 1L);
    }

    @Test
    void aTrackerBoxOnAFlagZeroObjectIsNeitherHitNorFalsePositive() {
        // given: frame 1 has object 1 (considered) at (0,0) and object 3 (flag 0) at (50,0).
        // Track 5 is on object 1, track 6 exactly on object 3, track 7 at (56,0) beside object 3
        // (IoU with it 4/16 = 0.25 < 0.5: not matched to it, so not ignored).
        List<TruthRow> gt = List.of(truth(1, 1, box(0, 0)), new TruthRow(1, 3, box(50, 0), false, 1, 1));
        List<TrackRow> tr = List.of(track(1, 5, box(0, 0)), track(1, 6, box(50, 0)), track(1, 7, box(56, 0)));
        // when
        MotSequence s = MotSequence.of(gt, tr);
        ClearMot clear = ClearMot.of(s);
        IdentityScore id = IdentityScore.of(s);
        // then: track 6 is dropped, object 3 is not counted: 1 GT box, TP 1, FP 1 (track 7), FN 0
        assertThat(s.ignored()).isEqualTo(1);
        assertThat(s.truthIds()).containsExactly(1L);
        assertThat(clear.tp()).isEqualTo(1);
        assertThat(clear.fp()).isEqualTo(1);
        assertThat(clear.fn()).isZero();
        // MOTA = 1 - 1/1 = 0; IDF1 = 2 / (2 + 1 + 0) = 2/3
        assertThat(clear.mota()).isCloseTo(0, within(1e-12));
        assertThat(id.idf1()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void detectionsWithoutATrackAreNotTrackerOutput() {
        // given: one object on frame 1, the only detection on it has no track id
        List<TruthRow> gt = List.of(truth(1, 1, box(0, 0)));
        List<TrackRow> tr = List.of(new TrackRow(1, null, box(0, 0), "person", 0.9));
        // when
        ClearMot clear = ClearMot.of(MotSequence.of(gt, tr));
        // then: a miss, not a hit
        assertThat(clear.fn()).isEqualTo(1);
        assertThat(clear.tp()).isZero();
        assertThat(clear.mostlyLost()).isEqualTo(1);
    }

    @Test
    void hungarianFindsTheCheapestAssignmentOfARectangularMatrix() {
        // rows 0..2, columns 0..1: the cheapest is row 1 → column 0 (1) and row 2 → column 1 (2), total 3;
        // greedy (row 0 → column 0 at cost 2 first) would end at 2 + 5 = 7
        double[][] cost = {{2, 9}, {1, 5}, {8, 2}};
        assertThat(Hungarian.assign(cost)).containsExactly(-1, 0, 1);
    }
}
