package io.visionstreams.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the tracker knows about one source: its live tracks in birth order, the counters that
 * number them, and the captured_at of the last frame tracked (frames not newer are late). Mutable;
 * saved whole after each frame ({@link TrackerStateCodec}).
 */
public final class TrackerState {

    final List<Track> tracks = new ArrayList<>();
    long nextSeq = 1;
    long nextId = 1;
    /** captured_at of the last tracked frame; {@code Long.MIN_VALUE} before the first. */
    long lastFrameAt = Long.MIN_VALUE;

    public List<Track> tracks() {
        return List.copyOf(tracks);
    }

    public long lastFrameAt() {
        return lastFrameAt;
    }
}
