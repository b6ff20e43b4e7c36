package io.visionstreams.tracking;

import static io.visionstreams.tracking.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.tracking.TrackEvent.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneRulesTest {

    private static final ZoneSet.Line GATE = new ZoneSet.Line("gate", List.of(new Point(0.5, 0), new Point(0.5, 1)), List.of());
    private static final ZoneSet.Zone YARD = new ZoneSet.Zone("yard",
            List.of(new Point(0.6, 0.4), new Point(0.9, 0.4), new Point(0.9, 0.9), new Point(0.6, 0.9)), List.of(), 500);
    private static final ZoneSet ZONES = new ZoneSet(List.of(YARD), List.of(GATE));

    private final SourceTracker tracker = new SourceTracker(TrackerSettings.DEFAULTS);

    /** A walker along y = 0.6: right 0.05 a frame from x = 0.22 (frames 0-9), still at 0.67 (10-15), right again (16-23). */
    private static double walkerX(int f) {
        if (f <= 9) {
            return 0.22 + 0.05 * f;
        }
        return f <= 15 ? 0.67 : 0.67 + 0.05 * (f - 15);
    }

    private List<TrackEvent> walk(ZoneSet zones, int frames) {
        TrackerState state = new TrackerState();
        List<TrackEvent> events = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            events.addAll(tracker.track(state, zones, "cam", "e" + f * 100, f * 100L,
                    List.of(person(walkerX(f), 0.6, f == 12 ? 0.95 : 0.9))).events());
        }
        for (long at = 2400; at <= 4000; at += 100) { // gone: ends 1.5 s after its last frame (2300)
            events.addAll(tracker.track(state, zones, "cam", "e" + at, at, List.of()).events());
        }
        return events;
    }

    @Test
    void aWalkerCrossesTheGateRightToLeftOnceNamingTheFrameItWasFirstSeenOn() {
        List<TrackEvent> crossings = walk(ZONES, 24).stream().filter(e -> e.type() == Type.LINE_CROSSED).toList();
        // then: frame 5 stands at 0.47, frame 6 at 0.52: right of the downward gate before, left after
        assertThat(crossings).hasSize(1);
        TrackEvent c = crossings.get(0);
        assertThat(c.eventId()).isEqualTo("e600");
        assertThat(c.capturedAt()).isEqualTo(600);
        assertThat(c.line()).isEqualTo("gate");
        assertThat(c.trackId()).isEqualTo(1);
        assertThat(c.fromSide()).isEqualTo("right");
        assertThat(c.toSide()).isEqualTo("left");
        assertThat(c.fromPoint().x()).isCloseTo(0.47, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.toPoint().x()).isCloseTo(0.52, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.toPoint().y()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aWalkerEntersLoitersInAndLeavesTheYardThenTheTrackEnds() {
        List<TrackEvent> events = walk(ZONES, 24).stream().filter(e -> e.type() != Type.LINE_CROSSED).toList();
        // frame 8 stands at 0.62 (inside from 0.6), loitering 500 ms after 800, frame 20 at 0.92 (outside past 0.9)
        assertThat(events).extracting(TrackEvent::type, TrackEvent::eventId, TrackEvent::dwellMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Type.APPEARED, "e100", null),
                org.assertj.core.groups.Tuple.tuple(Type.ZONE_ENTERED, "e800", null),
                org.assertj.core.groups.Tuple.tuple(Type.LOITERING, "e1300", 500L),
                org.assertj.core.groups.Tuple.tuple(Type.ZONE_LEFT, "e2000", 1200L),
                org.assertj.core.groups.Tuple.tuple(Type.LEFT, "e3900", null));
        TrackEvent left = events.get(4);
        assertThat(left.durationMs()).isEqualTo(2300);
        assertThat(left.zonesVisited()).containsExactly("yard");
        assertThat(left.bestEventId()).isEqualTo("e1200");
        assertThat(left.bestScore()).isEqualTo(0.95);
        assertThat(left.bestBox()).isEqualTo(Frames.standingOn(0.67, 0.6));
    }

    @Test
    void anchorFlickeringAcrossTheGateAndTheYardEdgeCausesNoEvent() {
        TrackerState state = new TrackerState();
        double[] xs = {0.45, 0.48, 0.52, 0.48, 0.58, 0.61, 0.58, 0.61, 0.58};
        List<TrackEvent> events = new ArrayList<>();
        for (int f = 0; f < xs.length; f++) {
            events.addAll(tracker.track(state, ZONES, "cam", "e" + f, f * 100L, List.of(person(xs[f], 0.6, 0.9)))
                    .events());
        }
        assertThat(events).extracting(TrackEvent::type).containsExactly(Type.APPEARED, Type.LINE_CROSSED);
        // the one crossing that held: 0.48 → 0.58 (frame 4); 0.48 → 0.52 → 0.48 crossed back within the inertia
        assertThat(events.get(1).eventId()).isEqualTo("e4");
    }

    @Test
    void labelFiltersLimitZonesAndLinesToTheirLabels() {
        ZoneSet carsOnly = new ZoneSet(List.of(new ZoneSet.Zone("yard", YARD.polygon(), List.of("car"), 0)),
                List.of(new ZoneSet.Line("gate", GATE.points(), List.of("car", "truck"))));
        assertThat(walk(carsOnly, 24)).extracting(TrackEvent::type).containsExactly(Type.APPEARED, Type.LEFT);
    }

    @Test
    void zonesAreCheckedAgainstTheAnchorAtTheBoxBottomCentre() {
        Box box = new Box(0.1, 0.2, 0.3, 0.8);
        assertThat(box.anchor()).isEqualTo(new Point(0.2, 0.8));
        assertThat(Geometry.inside(YARD.polygon(), new Point(0.7, 0.5))).isTrue();
        assertThat(Geometry.inside(YARD.polygon(), new Point(0.5, 0.5))).isFalse();
        // a move parallel to the gate, or ending before it, crosses nothing
        assertThat(Geometry.crossedSegment(GATE.points(), new Point(0.4, 0.1), new Point(0.4, 0.9))).isEmpty();
        assertThat(Geometry.crossedSegment(GATE.points(), new Point(0.4, 0.1), new Point(0.49, 0.9))).isEmpty();
        // the gate's segment ends at y = 1: a move below it crosses nothing
        ZoneSet.Line shortGate = new ZoneSet.Line("g", List.of(new Point(0.5, 0), new Point(0.5, 0.5)), List.of());
        assertThat(Geometry.crossedSegment(shortGate.points(), new Point(0.4, 0.7), new Point(0.6, 0.7))).isEmpty();
        assertThat(Geometry.crossedSegment(shortGate.points(), new Point(0.4, 0.3), new Point(0.6, 0.3))).hasValue(0);
    }

    @Test
    void stateSurvivesEncodingBitForBitAndTracksOnAsIfNeverSaved() throws Exception {
        // given: two trackers, one whose state goes through the codec after every frame
        TrackerState plain = new TrackerState();
        TrackerState saved = new TrackerState();
        List<TrackEvent> a = new ArrayList<>();
        List<TrackEvent> b = new ArrayList<>();
        for (int f = 0; f < 24; f++) {
            List<Detection> dets = List.of(person(walkerX(f), 0.6, 0.9), person(0.9 - 0.03 * f, 0.85, 0.7));
            a.addAll(tracker.track(plain, ZONES, "cam", "e" + f, f * 100L, dets).events());
            b.addAll(tracker.track(saved, ZONES, "cam", "e" + f, f * 100L, dets).events());
            byte[] bytes = TrackerStateCodec.encode(saved);
            saved = TrackerStateCodec.decode(bytes);
            assertThat(TrackerStateCodec.encode(saved)).isEqualTo(bytes);
        }
        // then
        assertThat(b).isEqualTo(a).isNotEmpty();
        assertThat(TrackerStateCodec.encode(saved)).isEqualTo(TrackerStateCodec.encode(plain));
    }
}
