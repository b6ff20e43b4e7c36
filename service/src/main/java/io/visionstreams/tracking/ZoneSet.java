package io.visionstreams.tracking;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The zones and directed lines of one source, in normalized image coordinates.
 *
 * @param zones polygons an anchor is in or out of
 * @param lines polylines an anchor crosses, from one side to the other
 */
public record ZoneSet(List<Zone> zones, List<Line> lines) {

    public static final ZoneSet NONE = new ZoneSet(List.of(), List.of());

    public ZoneSet {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
        Set<String> names = new HashSet<>();
        for (Zone z : zones) {
            if (!names.add("zone:" + z.name())) {
                throw new IllegalArgumentException("zone '" + z.name() + "' is defined twice");
            }
        }
        for (Line l : lines) {
            if (!names.add("line:" + l.name())) {
                throw new IllegalArgumentException("line '" + l.name() + "' is defined twice");
            }
        }
    }

    public boolean isEmpty() {
        return zones.isEmpty() && lines.isEmpty();
    }

    /**
     * A polygon (at least 3 points, closed implicitly).
     *
     * @param labels the labels it applies to; empty: every label
     * @param loiteringMs time in the zone after which a track causes a {@code loitering} event; 0: never
     */
    public record Zone(String name, List<Point> polygon, List<String> labels, long loiteringMs) {
        public Zone {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a zone needs a name");
            }
            if (polygon.size() < 3) {
                throw new IllegalArgumentException("zone '" + name + "' needs at least 3 points, has " + polygon.size());
            }
            if (loiteringMs < 0) {
                throw new IllegalArgumentException("zone '" + name + "': loitering time must not be negative");
            }
            polygon = List.copyOf(polygon);
            labels = List.copyOf(labels);
        }

        boolean appliesTo(String label) {
            return labels.isEmpty() || labels.contains(label);
        }
    }

    /**
     * A directed polyline (at least 2 points): crossing it goes from its left side to its right or back,
     * left and right as seen walking from its first point towards its last on the picture.
     *
     * @param labels the labels it applies to; empty: every label
     */
    public record Line(String name, List<Point> points, List<String> labels) {
        public Line {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a line needs a name");
            }
            if (points.size() < 2) {
                throw new IllegalArgumentException("line '" + name + "' needs at least 2 points, has " + points.size());
            }
            points = List.copyOf(points);
            labels = List.copyOf(labels);
        }

        boolean appliesTo(String label) {
            return labels.isEmpty() || labels.contains(label);
        }
    }
}
