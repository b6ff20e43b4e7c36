package io.visionstreams.tracking;

import static io.visionstreams.tracking.Frames.of;
import static io.visionstreams.tracking.Frames.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.tracking.TrackEvent.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteTrackerTest {

    private final SourceTracker tracker = new SourceTracker(TrackerSettings.DEFAULTS);

    private SourceTracker.Outcome frame(TrackerState state, long at, Detection... detections) {
        return tracker.track(state, ZoneSet.NONE, "cam", "e" + at, at, List.of(detections));
    }

    @Test
    void twoCrossingWalkersKeepTheirIdsGivenOnTheSecondHit() {
        // given: one walker going right, one going left, on one row, passing each other at frame 5
        TrackerState state = new TrackerState();
        List<Long[]> ids = new ArrayList<>();
        List<TrackEvent> events = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            SourceTracker.Outcome o = frame(state, f * 100L, person(0.3 + 0.04 * f, 0.6, 0.9),
                    person(0.7 - 0.04 * f, 0.62, 0.8));
            ids.add(o.trackIds());
            events.addAll(o.events());
        }
        // then: no id on the first frame (unconfirmed), then 1 and 2 throughout, crossing included
        assertThat(ids.get(0)).containsExactly(null, null);
        for (int f = 1; f < 10; f++) {
            assertThat(ids.get(f)).as("frame %d", f).containsExactly(1L, 2L);
        }
        assertThat(events).extracting(TrackEvent::type, TrackEvent::trackId, TrackEvent::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Type.APPEARED, 1L, "e100"),
                        org.assertj.core.groups.Tuple.tuple(Type.APPEARED, 2L, "e100"));
    }

    @Test
    void lowScoreDetectionsKeepATrackButNeverStartOne() {
        TrackerState state = new TrackerState();
        frame(state, 0, person(0.3, 0.6, 0.9));
        frame(state, 100, person(0.32, 0.6, 0.9));
        // when: the walker scores 0.4 (under the high score 0.5), and a stranger appears at 0.4 too
        SourceTracker.Outcome o = frame(state, 200, person(0.34, 0.6, 0.4), person(0.8, 0.3, 0.4));
        SourceTracker.Outcome next = frame(state, 300, person(0.36, 0.6, 0.4), person(0.8, 0.3, 0.4));
        // then
        assertThat(o.trackIds()).containsExactly(1L, null);
        assertThat(next.trackIds()).containsExactly(1L, null);
        assertThat(state.tracks()).hasSize(1);
    }

    @Test
    void aTrackTakesOnlyDetectionsOfItsClass() {
        TrackerState state = new TrackerState();
        frame(state, 0, of(17, "cat", 0.3, 0.6, 0.9));
        frame(state, 100, of(17, "cat", 0.3, 0.6, 0.9));
        // when: a dog exactly where the cat was, the cat gone
        SourceTracker.Outcome o = frame(state, 200, of(18, "dog", 0.3, 0.6, 0.9));
        SourceTracker.Outcome o2 = frame(state, 300, of(18, "dog", 0.3, 0.6, 0.9));
        // then: the dog is a new track (id 2 once confirmed), not track 1
        assertThat(o.trackIds()).containsExactly((Long) null);
        assertThat(o2.trackIds()).containsExactly(2L);
    }

    @Test
    void unconfirmedTracksMissedOnceAreDroppedWithoutEvents() {
        TrackerState state = new TrackerState();
        frame(state, 0, person(0.3, 0.6, 0.9));
        SourceTracker.Outcome o = frame(state, 100);
        assertThat(state.tracks()).isEmpty();
        assertThat(o.events()).isEmpty();
        // and the next track gets id 1: ids are given at confirmation
        frame(state, 200, person(0.5, 0.6, 0.9));
        assertThat(frame(state, 300, person(0.5, 0.6, 0.9)).trackIds()).containsExactly(1L);
    }

    @Test
    void aLostTrackEndsAfterTheLostTimeInEventTimeAtAnyFrameRate() {
        // 5 fps and 30 fps: seen until 1000 ms, then empty frames; lost-after 1500 ms: the first frame after 2500 ends it
        assertThat(endOf(200)).isEqualTo(List.of("e2600", "1000"));
        assertThat(endOf(1000.0 / 30)).isEqualTo(List.of("e2533", "1000"));
    }

    private List<String> endOf(double intervalMs) {
        TrackerState state = new TrackerState();
        for (long at = 0; at <= 1000; at += 100) {
            frame(state, at, person(0.3, 0.6, 0.9));
        }
        for (int k = 1; ; k++) {
            long at = 1000 + Math.round(k * intervalMs);
            SourceTracker.Outcome o = frame(state, at);
            if (!o.events().isEmpty()) {
                TrackEvent left = o.events().get(0);
                assertThat(left.type()).isEqualTo(Type.LEFT);
                return List.of(left.eventId(), String.valueOf(left.durationMs()));
            }
        }
    }

    @Test
    void aTrackMissedBrieflyIsRecoveredWithItsId() {
        TrackerState state = new TrackerState();
        for (int f = 0; f < 5; f++) {
            frame(state, f * 100L, person(0.3 + 0.02 * f, 0.6, 0.9));
        }
        // when: unseen for 3 frames (occluded), then seen where constant velocity puts it
        for (int f = 5; f < 8; f++) {
            frame(state, f * 100L);
        }
        SourceTracker.Outcome o = frame(state, 800, person(0.3 + 0.02 * 8, 0.6, 0.9));
        // then
        assertThat(o.trackIds()).containsExactly(1L);
        assertThat(o.events()).isEmpty();
    }

    @Test
    void lateFramesGetNoTrackAndLeaveTheStateAlone() {
        TrackerState state = new TrackerState();
        frame(state, 100, person(0.3, 0.6, 0.9));
        frame(state, 200, person(0.3, 0.6, 0.9));
        byte[] before = TrackerStateCodec.encode(state);
        SourceTracker.Outcome late = frame(state, 150, person(0.3, 0.6, 0.9));
        SourceTracker.Outcome same = frame(state, 200, person(0.3, 0.6, 0.9));
        assertThat(late.late()).isTrue();
        assertThat(late.trackIds()).containsExactly((Long) null);
        assertThat(same.late()).isTrue();
        assertThat(TrackerStateCodec.encode(state)).isEqualTo(before);
    }
}
