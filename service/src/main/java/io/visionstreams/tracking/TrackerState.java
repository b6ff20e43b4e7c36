package io.visionstreams.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Per zone of {@code zones}, the confirmed tracks inside it now (what its enter and leave events add up to). */
    public Map<String, Integer> occupancy(ZoneSet zones) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ZoneSet.Zone zone : zones.zones()) {
            int n = 0;
            for (Track t : tracks) {
                ZoneMembership m = t.zones.get(zone.name());
                n += t.confirmed() && m != null && m.inside ? 1 : 0;
            }
            out.put(zone.name(), n);
        }
        return out;
    }
}
