package io.visionstreams.tracking;

/**
 * The tracker's knobs (vision.tracking.*), checked when built. Scores as Detections carry them;
 * times in milliseconds of event time.
 *
 * @param highScore detections at or above it are associated first, and may start tracks (ByteTrack's track_thresh)
 * @param newTrackScore the least score that starts a track (ByteTrack: track_thresh + 0.1)
 * @param matchCost the most a first-pass pair may cost, 1 − IoU × score (ByteTrack's match_thresh)
 * @param minHits frames a track must be seen on, in a row from its first, to be confirmed and get its id
 * @param lostAfterMs a confirmed track not seen for longer than this ends (ByteTrack's track_buffer, in time)
 * @param inertia frames in a row a zone or side change must hold before it counts (against flicker)
 */
public record TrackerSettings(double highScore, double newTrackScore, double matchCost, int minHits, long lostAfterMs,
                              int inertia) {

    /** ByteTrack's defaults (0.5, 0.6, 0.8), confirmation on the second hit, 1.5 s to end, inertia 2. */
    public static final TrackerSettings DEFAULTS = new TrackerSettings(0.5, 0.6, 0.8, 2, 1500, 2);

    public TrackerSettings {
        if (!(highScore >= 0 && highScore <= 1) || !(newTrackScore >= 0 && newTrackScore <= 1)) {
            throw new IllegalArgumentException("vision.tracking scores must be in [0,1]");
        }
        if (!(matchCost > 0 && matchCost <= 1)) {
            throw new IllegalArgumentException("vision.tracking.match-cost must be in (0,1]: " + matchCost);
        }
        if (minHits < 1) {
            throw new IllegalArgumentException("vision.tracking.min-hits must be at least 1: " + minHits);
        }
        if (lostAfterMs < 0) {
            throw new IllegalArgumentException("vision.tracking.lost-after-ms must not be negative: " + lostAfterMs);
        }
        if (inertia < 1) {
            throw new IllegalArgumentException("vision.zones.inertia must be at least 1: " + inertia);
        }
    }
}
