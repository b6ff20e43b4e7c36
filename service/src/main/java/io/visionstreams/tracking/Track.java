package io.visionstreams.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One track of a source: its Kalman state, its life so far and its zone and line state. Mutable, owned
 * by one {@link TrackerState}; every field is written by {@link TrackerStateCodec}.
 */
public final class Track {

    /** Birth order within the source; orders tracks everywhere. */
    final long seq;
    /** The public id, given at confirmation (1, 2, ... per source); 0 before. */
    long id;
    final int classId;
    final String label;
    KalmanState kalman;
    /** captured_at the Kalman state is for. */
    long predictedAt;
    int hits;
    /** Seen on the last frame of the source (ByteTrack's Tracked), else Lost. */
    boolean seenLast;
    long firstSeenAt;
    String firstEventId;
    long lastSeenAt;
    double score;
    Box box;
    String bestEventId;
    double bestScore;
    Box bestBox;
    /** The anchor on the frame the track was last seen (null before its first). */
    Point anchor;
    /** Per zone name, the zone state; per line name, the line state (insertion order = configuration order). */
    final Map<String, ZoneMembership> zones = new LinkedHashMap<>();
    final Map<String, LineCrossing> lines = new LinkedHashMap<>();
    /** Zone names entered so far, in order. */
    final List<String> visited = new ArrayList<>();
    /** Events found before confirmation, published with it (dropped if the track never is). */
    final List<TrackEvent> held = new ArrayList<>();

    Track(long seq, int classId, String label) {
        this.seq = seq;
        this.classId = classId;
        this.label = label;
    }

    public long id() {
        return id;
    }

    public boolean confirmed() {
        return id > 0;
    }

    public String label() {
        return label;
    }

    public Box box() {
        return box;
    }

    /** Records a measurement on frame {@code eventId}: score, box, best frame (highest score, first wins ties). */
    void seen(String eventId, long at, Detection d) {
        hits++;
        seenLast = true;
        lastSeenAt = at;
        score = d.score();
        box = d.box();
        if (bestEventId == null || d.score() > bestScore) {
            bestEventId = eventId;
            bestScore = d.score();
            bestBox = d.box();
        }
    }
}
