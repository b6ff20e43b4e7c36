package io.visionstreams.tracking;

import java.util.List;

/** Small builders for hand-computed tracking cases: boxes by bottom centre, frames every {@code ms}. */
final class Frames {

    private Frames() {}

    /** A box 0.2 wide and 0.3 high standing on (x, y). */
    static Box standingOn(double x, double y) {
        return new Box(x - 0.1, y - 0.3, x + 0.1, y);
    }

    static Detection person(double x, double y, double score) {
        return new Detection(1, "person", score, standingOn(x, y));
    }

    static Detection of(int classId, String label, double x, double y, double score) {
        return new Detection(classId, label, score, standingOn(x, y));
    }

    static List<TrackEvent> eventsOf(SourceTracker tracker, TrackerState state, ZoneSet zones, long at, String eventId,
                                     Detection... detections) {
        return tracker.track(state, zones, "cam", eventId, at, List.of(detections)).events();
    }
}
