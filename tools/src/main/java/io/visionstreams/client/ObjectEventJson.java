package io.visionstreams.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.EventBox;
import io.visionstreams.avro.EventPoint;
import io.visionstreams.avro.ObjectEvent;

/**
 * An object event's results.jsonl line: {@code "task": "object-events"}, type, source_id, event_id (the frame
 * the change was first seen on), captured_at, track_id, class_id, label, score, box, then only the facts its
 * type has: zone or line, from_point and to_point as {@code [x, y]}, from_side, to_side, dwell_ms,
 * duration_ms, zones_visited, best_event_id, best_score, best_box; then attributes.
 */
final class ObjectEventJson {

    private ObjectEventJson() {}

    static ObjectNode write(ObjectNode o, ObjectEvent e) {
        o.put("type", e.getType()).put("source_id", e.getSourceId()).put("event_id", e.getEventId())
                .put("captured_at", e.getCapturedAt().toEpochMilli()).put("track_id", e.getTrackId())
                .put("class_id", e.getClassId()).put("label", e.getLabel()).put("score", e.getScore());
        box(o, "box", e.getBox());
        if (e.getZone() != null) {
            o.put("zone", e.getZone());
        }
        if (e.getLine() != null) {
            o.put("line", e.getLine());
        }
        point(o, "from_point", e.getFromPoint());
        point(o, "to_point", e.getToPoint());
        if (e.getFromSide() != null) {
            o.put("from_side", e.getFromSide()).put("to_side", e.getToSide());
        }
        if (e.getDwellMs() != null) {
            o.put("dwell_ms", e.getDwellMs());
        }
        if (e.getDurationMs() != null) {
            o.put("duration_ms", e.getDurationMs());
            e.getZonesVisited().forEach(o.putArray("zones_visited")::add);
        }
        if (e.getBestEventId() != null) {
            o.put("best_event_id", e.getBestEventId()).put("best_score", e.getBestScore());
            box(o, "best_box", e.getBestBox());
        }
        ObjectNode attributes = o.putObject("attributes");
        e.getAttributes().forEach(attributes::put);
        return o;
    }

    private static void box(ObjectNode o, String name, EventBox b) {
        o.putObject(name).put("x_min", b.getXMin()).put("y_min", b.getYMin()).put("x_max", b.getXMax())
                .put("y_max", b.getYMax());
    }

    private static void point(ObjectNode o, String name, EventPoint p) {
        if (p != null) {
            ArrayNode xy = o.putArray(name);
            xy.add(p.getX());
            xy.add(p.getY());
        }
    }
}
