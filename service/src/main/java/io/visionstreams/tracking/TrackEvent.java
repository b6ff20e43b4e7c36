package io.visionstreams.tracking;

import java.util.List;

/**
 * One object event, as the tracker finds it (the Avro {@code ObjectEvent} and the results.jsonl line
 * carry the same facts). {@code eventId} and {@code capturedAt} are those of the frame on which the
 * change was first seen, even when inertia confirmed it on a later one; the box and score are the
 * track's on that frame. Fields that do not apply to a type are null (lists empty).
 *
 * @param zone zone_entered, zone_left, loitering: the zone's name
 * @param line line_crossed: the line's name
 * @param fromPoint the anchor before the change (line_crossed, zone_entered, zone_left)
 * @param toPoint the anchor on the frame the change was first seen
 * @param fromSide line_crossed: "left" or "right" of the directed line, before
 * @param toSide line_crossed: the side after
 * @param dwellMs zone_left, loitering: time in the zone so far (from the frame it was entered on)
 * @param durationMs left: from the track's first frame to its last
 * @param zonesVisited left: the zones it entered, in order
 * @param bestEventId left: the frame it scored highest on, and {@code bestBox} its box there
 */
public record TrackEvent(Type type, String sourceId, String eventId, long capturedAt, long trackId, int classId,
                         String label, double score, Box box, String zone, String line, Point fromPoint,
                         Point toPoint, String fromSide, String toSide, Long dwellMs, Long durationMs,
                         List<String> zonesVisited, String bestEventId, Double bestScore, Box bestBox) {

    public TrackEvent {
        zonesVisited = List.copyOf(zonesVisited);
    }

    /** The event types, named on the wire by {@link #wireName()}. */
    public enum Type {
        APPEARED, ZONE_ENTERED, ZONE_LEFT, LINE_CROSSED, LOITERING, LEFT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type ofWireName(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    TrackEvent withTrackId(long id) {
        return new TrackEvent(type, sourceId, eventId, capturedAt, id, classId, label, score, box, zone, line, fromPoint,
                toPoint, fromSide, toSide, dwellMs, durationMs, zonesVisited, bestEventId, bestScore, bestBox);
    }

    /** An event of a track's own on one frame (no zone or line facts). */
    static TrackEvent of(Type type, String sourceId, Track t, String eventId, long capturedAt, double score, Box box) {
        return new TrackEvent(type, sourceId, eventId, capturedAt, t.id, t.classId, t.label, score, box, null, null,
                null, null, null, null, null, null, List.of(), null, null, null);
    }
}
