package io.visionstreams.topology;

import io.visionstreams.avro.EventBox;
import io.visionstreams.avro.EventPoint;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.tracking.Box;
import io.visionstreams.tracking.Point;
import io.visionstreams.tracking.TrackEvent;
import java.time.Instant;
import java.util.Map;

/** The public {@link ObjectEvent} record of a tracker's {@link TrackEvent}, with the attributes of the frame that caused it. */
final class ObjectEvents {

    private ObjectEvents() {}

    static ObjectEvent of(TrackEvent e, Map<String, String> attributes) {
        return ObjectEvent.newBuilder()
                .setType(e.type().wireName())
                .setSourceId(e.sourceId())
                .setEventId(e.eventId())
                .setCapturedAt(Instant.ofEpochMilli(e.capturedAt()))
                .setTrackId(e.trackId())
                .setClassId(e.classId())
                .setLabel(e.label())
                .setScore((float) e.score())
                .setBox(box(e.box()))
                .setZone(e.zone())
                .setLine(e.line())
                .setFromPoint(point(e.fromPoint()))
                .setToPoint(point(e.toPoint()))
                .setFromSide(e.fromSide())
                .setToSide(e.toSide())
                .setDwellMs(e.dwellMs())
                .setDurationMs(e.durationMs())
                .setZonesVisited(e.zonesVisited())
                .setBestEventId(e.bestEventId())
                .setBestScore(e.bestScore() == null ? null : (float) (double) e.bestScore())
                .setBestBox(e.bestBox() == null ? null : box(e.bestBox()))
                .setAttributes(attributes)
                .build();
    }

    private static EventBox box(Box b) {
        return new EventBox((float) b.xMin(), (float) b.yMin(), (float) b.xMax(), (float) b.yMax());
    }

    private static EventPoint point(Point p) {
        return p == null ? null : new EventPoint((float) p.x(), (float) p.y());
    }
}
