package io.visionstreams.eval.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The zones file contract ({@code vision.zones.file}): {@code {"sources": {"<source_id or *>":
 * {"zones": [{"name", "polygon": [[x, y], ...]}], "lines": [{"name", "points": [[x, y], ...]}]}}}},
 * normalized coordinates. Read here for the geometry events are scored with, written by the sequence
 * generator; keys this class does not know are left alone.
 */
public final class ZonesFile {

    /** A zone: a polygon, normalized. */
    public record Zone(String name, List<double[]> polygon) {

        /** Whether the point is inside (even–odd rule; a point on an edge may go either way). */
        public boolean contains(double[] p) {
            boolean inside = false;
            for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
                double[] a = polygon.get(i);
                double[] b = polygon.get(j);
                if ((a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** A directed line (a polyline), normalized: its sides are named as seen walking from its first point to its last. */
    public record Line(String name, List<double[]> points) {

        public static final String LEFT = "left";
        public static final String RIGHT = "right";

        /**
         * The side of the point, against the segment nearest to it: {@link #LEFT} or {@link #RIGHT}
         * in image coordinates (y down), null exactly on the line.
         */
        public String side(double[] p) {
            double[] a = points.get(0);
            double[] b = points.get(1);
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i + 1 < points.size(); i++) {
                double d = distance(points.get(i), points.get(i + 1), p);
                if (d < best) {
                    best = d;
                    a = points.get(i);
                    b = points.get(i + 1);
                }
            }
            double cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
            return cross < 0 ? LEFT : cross > 0 ? RIGHT : null;
        }

        private static double distance(double[] a, double[] b, double[] p) {
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len = dx * dx + dy * dy;
            double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
            return Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
        }
    }

    /** The zones and lines of one source. */
    public record Geometry(List<Zone> zones, List<Line> lines) {

        public Line line(String name) {
            return lines.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZonesFile() {}

    /** The geometry for {@code sourceId} (its own entry, else {@code "*"}; empty when neither). */
    public static Geometry read(Path file, String sourceId) throws IOException {
        JsonNode sources = JSON.readTree(file.toFile()).path("sources");
        JsonNode s = sources.has(sourceId) ? sources.get(sourceId) : sources.path("*");
        List<Zone> zones = new ArrayList<>();
        for (JsonNode z : s.path("zones")) {
            zones.add(new Zone(z.path("name").asText(), points(z.path("polygon"))));
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : s.path("lines")) {
            lines.add(new Line(l.path("name").asText(), points(l.path("points"))));
        }
        return new Geometry(zones, lines);
    }

    public static void write(Path file, String sourceId, Geometry g) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("sources").putObject(sourceId);
        ArrayNode zones = s.putArray("zones");
        g.zones().forEach(z -> put(zones.addObject().put("name", z.name()).putArray("polygon"), z.polygon()));
        ArrayNode lines = s.putArray("lines");
        g.lines().forEach(l -> put(lines.addObject().put("name", l.name()).putArray("points"), l.points()));
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static void put(ArrayNode array, List<double[]> points) {
        points.forEach(p -> array.addArray().add(p[0]).add(p[1]));
    }

    private static List<double[]> points(JsonNode array) {
        List<double[]> out = new ArrayList<>();
        array.forEach(p -> out.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        return out;
    }
}
