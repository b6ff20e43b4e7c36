package io.visionstreams.eval.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventScoreTest {

    /** The gate: a vertical line from the top to the bottom at x = 0.5; walking down it, x < 0.5 is on the right. */
    private static final ZonesFile.Geometry GEOMETRY = new ZonesFile.Geometry(
            List.of(new ZonesFile.Zone("yard", List.of(new double[] {0.6, 0.5}, new double[] {1, 0.5},
                    new double[] {1, 1}, new double[] {0.6, 1}))),
            List.of(new ZonesFile.Line("gate", List.of(new double[] {0.5, 0}, new double[] {0.5, 1}))));

    private static ObjectEventRow event(String type, String name, int frame, long track, double fromX, double toX) {
        return new ObjectEventRow(type, "cam", "cam/" + (frame - 1), frame, track, "person", name,
                new double[] {fromX, 0.5}, new double[] {toX, 0.5});
    }

    @Test
    void findsEachExpectedEventOnceOnTheRightObjectInTheRightDirection() {
        // given: object 1 and track 7 share a box on frames 1-30, object 2 and track 8 too; track 99 is
        // far from both. Expected: object 1 crosses the gate right → left at frame 5, object 2 crosses it
        // left → right at frame 20, object 1 enters the yard at frame 12.
        List<TruthRow> truthRows = new ArrayList<>();
        List<TrackRow> trackRows = new ArrayList<>();
        for (int f = 1; f <= 30; f++) {
            truthRows.add(new TruthRow(f, 1, new Box(10, 10, 20, 20), true, 1, 1));
            truthRows.add(new TruthRow(f, 2, new Box(100, 10, 20, 20), true, 1, 1));
            trackRows.add(new TrackRow(f, 7L, new Box(10, 10, 20, 20), "person", 0.9));
            trackRows.add(new TrackRow(f, 8L, new Box(101, 10, 20, 20), "person", 0.9));
            trackRows.add(new TrackRow(f, 99L, new Box(400, 300, 20, 20), "person", 0.9));
        }
        List<EventTruth> truth = List.of(new EventTruth(EventTruth.LINE_CROSSED, "gate", 1, 5, "right", "left"),
                new EventTruth(EventTruth.LINE_CROSSED, "gate", 2, 20, "left", "right"),
                new EventTruth(EventTruth.ZONE_ENTERED, "yard", 1, 12, null, null));
        List<ObjectEventRow> reported = List.of(
                event(EventTruth.LINE_CROSSED, "gate", 7, 7, 0.45, 0.52),  // found: 2 frames late, right → left
                event(EventTruth.LINE_CROSSED, "gate", 8, 7, 0.45, 0.52),  // the same crossing again
                event(EventTruth.LINE_CROSSED, "gate", 20, 8, 0.45, 0.55), // object 2, but right → left
                event(EventTruth.LINE_CROSSED, "gate", 15, 99, 0.45, 0.55), // a track on no object
                event(EventTruth.ZONE_ENTERED, "yard", 16, 7, 0.7, 0.7),   // 4 frames late
                event("appeared", null, 1, 7, 0.2, 0.2));                  // not a scored type
        // when
        EventScore score = EventScore.of(truth, reported, GEOMETRY, truthRows, trackRows, 3);
        // then: 1 of 3 expected found; 1 of the 5 scored reports right
        assertThat(score.matches()).singleElement().satisfies(m -> assertThat(m.reported().frame()).isEqualTo(7));
        assertThat(score.recall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(score.precision()).isCloseTo(1.0 / 5, within(1e-12));
        assertThat(score.missed()).extracting(EventTruth::gtId, EventTruth::frame)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 12), org.assertj.core.groups.Tuple.tuple(2L, 20));
        assertThat(score.spurious()).extracting(EventScore.Spurious::reason).containsExactly("repeat",
                "wrong direction", "track follows no object", "no such event within 3 frames");
    }

    @Test
    void namesTheSidesOfADirectedLineAsSeenWalkingAlongIt() {
        // walking east (left to right on screen), north (up, smaller y) is on the left
        ZonesFile.Line east = new ZonesFile.Line("l", List.of(new double[] {0, 0.5}, new double[] {1, 0.5}));
        assertThat(east.side(new double[] {0.5, 0.2})).isEqualTo(ZonesFile.Line.LEFT);
        assertThat(east.side(new double[] {0.5, 0.8})).isEqualTo(ZonesFile.Line.RIGHT);
        assertThat(GEOMETRY.zones().get(0).contains(new double[] {0.7, 0.7})).isTrue();
        assertThat(GEOMETRY.zones().get(0).contains(new double[] {0.5, 0.7})).isFalse();
    }
}
