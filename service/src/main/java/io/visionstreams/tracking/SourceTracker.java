package io.visionstreams.tracking;

import io.visionstreams.tracking.TrackEvent.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks one frame of one source: association ({@link ByteTracker}), then zone and line rules
 * ({@link ZoneRules}) for every track seen on it, then the events in a fixed order: per track in birth
 * order, {@code appeared} (confirmed on this frame) and the events it held while unconfirmed, then its
 * zone and line events; then the tracks that ended, each its {@code zone_left}s and {@code left}.
 * A frame not newer than the source's last tracked frame is late: its objects get no track and the
 * state does not change.
 */
public final class SourceTracker {

    private final ByteTracker tracker;
    private final ZoneRules rules;

    public SourceTracker(TrackerSettings settings) {
        this.tracker = new ByteTracker(settings);
        this.rules = new ZoneRules(settings.inertia());
    }

    /**
     * What one frame gave.
     *
     * @param trackIds per detection, its track's id, or null (no confirmed track, or a late frame)
     */
    public record Outcome(Long[] trackIds, List<TrackEvent> events, boolean late) {}

    public Outcome track(TrackerState state, ZoneSet zones, String sourceId, String eventId, long capturedAt,
                         List<Detection> detections) {
        Long[] ids = new Long[detections.size()];
        if (capturedAt <= state.lastFrameAt) {
            return new Outcome(ids, List.of(), true);
        }
        ByteTracker.Step step = tracker.update(state, eventId, capturedAt, detections);
        List<TrackEvent> events = new ArrayList<>();
        for (Track t : state.tracks) {
            int index = indexOf(step.trackOf(), t);
            if (index < 0) {
                continue;
            }
            Point before = t.anchor;
            t.anchor = detections.get(index).box().anchor();
            List<TrackEvent> found = rules.apply(sourceId, zones, t, eventId, capturedAt, before, t.anchor);
            if (step.confirmed().contains(t)) {
                events.add(TrackEvent.of(Type.APPEARED, sourceId, t, eventId, capturedAt, t.score, t.box));
                t.held.forEach(e -> events.add(e.withTrackId(t.id)));
                t.held.clear();
            }
            (t.confirmed() ? events : t.held).addAll(found.stream().map(e -> e.withTrackId(t.id)).toList());
        }
        for (Track t : step.ended()) {
            if (!t.confirmed()) {
                continue;
            }
            events.addAll(ZoneRules.leaveAll(sourceId, zones, t, eventId, capturedAt));
            events.add(new TrackEvent(Type.LEFT, sourceId, eventId, capturedAt, t.id, t.classId, t.label, t.score,
                    t.box, null, null, t.anchor, null, null, null, null, t.lastSeenAt - t.firstSeenAt, t.visited,
                    t.bestEventId, t.bestScore, t.bestBox));
        }
        for (int i = 0; i < ids.length; i++) {
            Track t = step.trackOf()[i];
            ids[i] = t != null && t.confirmed() ? t.id : null;
        }
        return new Outcome(ids, events, false);
    }

    private static int indexOf(Track[] trackOf, Track t) {
        for (int i = 0; i < trackOf.length; i++) {
            if (trackOf[i] == t) {
                return i;
            }
        }
        return -1;
    }
}
