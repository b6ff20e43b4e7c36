package io.visionstreams.tracking;

import io.visionstreams.tracking.TrackEvent.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Zone and line events of one track on one frame it was seen on, from its anchor (box bottom centre).
 * A zone change counts once the anchor has been on the new side of the zone's edge on {@code inertia}
 * frames in a row; a line crossing counts once the anchor has not crossed back within {@code inertia}
 * frames (the crossing frame included). Either event names the frame the change was first seen on.
 * Zones and lines not configured any more are forgotten; new ones start with the track outside.
 */
final class ZoneRules {

    private final int inertia;

    ZoneRules(int inertia) {
        this.inertia = inertia;
    }

    /** The events of track {@code t}, seen on frame {@code eventId} at anchor {@code now}, {@code before} its anchor before (null on its first frame). */
    List<TrackEvent> apply(String sourceId, ZoneSet set, Track t, String eventId, long at, Point before, Point now) {
        List<TrackEvent> out = new ArrayList<>();
        t.zones.keySet().retainAll(set.zones().stream().map(ZoneSet.Zone::name).toList());
        t.lines.keySet().retainAll(set.lines().stream().map(ZoneSet.Line::name).toList());
        for (ZoneSet.Zone zone : set.zones()) {
            if (zone.appliesTo(t.label)) {
                zone(sourceId, zone, t, eventId, at, before, now, out);
            }
        }
        for (ZoneSet.Line line : set.lines()) {
            if (line.appliesTo(t.label) && before != null) {
                line(sourceId, line, t, eventId, at, before, now, out);
            }
        }
        return out;
    }

    private void zone(String sourceId, ZoneSet.Zone zone, Track t, String eventId, long at, Point before, Point now,
                      List<TrackEvent> out) {
        ZoneMembership m = t.zones.computeIfAbsent(zone.name(), n -> new ZoneMembership());
        boolean in = Geometry.inside(zone.polygon(), now);
        if (in == m.inside) {
            m.run = 0;
            m.candidate = null;
        } else {
            if (m.run == 0) {
                m.candidate = new Candidate(eventId, at, before, now, t.score, t.box, null, null);
            }
            m.run++;
            if (m.run >= inertia) {
                Candidate c = m.candidate;
                m.inside = in;
                m.run = 0;
                m.candidate = null;
                if (in) {
                    m.enteredAt = c.at();
                    m.loiteringReported = false;
                    if (!t.visited.contains(zone.name())) {
                        t.visited.add(zone.name());
                    }
                    out.add(zoneEvent(Type.ZONE_ENTERED, sourceId, t, zone, c, null));
                } else {
                    out.add(zoneEvent(Type.ZONE_LEFT, sourceId, t, zone, c, c.at() - m.enteredAt));
                }
            }
        }
        if (m.inside && zone.loiteringMs() > 0 && !m.loiteringReported && at - m.enteredAt >= zone.loiteringMs()) {
            m.loiteringReported = true;
            out.add(zoneEvent(Type.LOITERING, sourceId, t, zone,
                    new Candidate(eventId, at, null, null, t.score, t.box, null, null), at - m.enteredAt));
        }
    }

    private void line(String sourceId, ZoneSet.Line line, Track t, String eventId, long at, Point before, Point now,
                      List<TrackEvent> out) {
        LineCrossing s = t.lines.computeIfAbsent(line.name(), n -> new LineCrossing());
        OptionalInt crossed = Geometry.crossedSegment(line.points(), before, now);
        if (crossed.isPresent()) {
            Point a = line.points().get(crossed.getAsInt());
            Point b = line.points().get(crossed.getAsInt() + 1);
            String from = Geometry.side(a, b, before);
            String to = Geometry.side(a, b, now);
            if (s.run > 0 && to.equals(s.candidate.fromSide())) {
                s.run = 0; // crossed back within the inertia: flicker, no event
                s.candidate = null;
                return;
            }
            if (s.run == 0) {
                s.candidate = new Candidate(eventId, at, before, now, t.score, t.box, from, to);
            }
        } else if (s.run == 0) {
            return;
        }
        s.run++;
        if (s.run >= inertia) {
            Candidate c = s.candidate;
            s.run = 0;
            s.candidate = null;
            out.add(new TrackEvent(Type.LINE_CROSSED, sourceId, c.eventId(), c.at(), t.id, t.classId, t.label, c.score(),
                    c.box(), null, line.name(), c.from(), c.to(), c.fromSide(), c.toSide(), null, null, List.of(), null,
                    null, null));
        }
    }

    private static TrackEvent zoneEvent(Type type, String sourceId, Track t, ZoneSet.Zone zone, Candidate c, Long dwell) {
        return new TrackEvent(type, sourceId, c.eventId(), c.at(), t.id, t.classId, t.label, c.score(), c.box(),
                zone.name(), null, c.from(), c.to(), null, null, dwell, null, List.of(), null, null, null);
    }

    /** The zone_left events of a track that ends inside zones, on the frame that ended it. */
    static List<TrackEvent> leaveAll(String sourceId, ZoneSet set, Track t, String eventId, long at) {
        List<TrackEvent> out = new ArrayList<>();
        for (ZoneSet.Zone zone : set.zones()) {
            ZoneMembership m = t.zones.get(zone.name());
            if (m != null && m.inside) {
                out.add(new TrackEvent(Type.ZONE_LEFT, sourceId, eventId, at, t.id, t.classId, t.label, t.score, t.box,
                        zone.name(), null, t.anchor, null, null, null, at - m.enteredAt, null, List.of(), null, null,
                        null));
            }
        }
        return out;
    }
}
