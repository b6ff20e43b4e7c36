package io.visionstreams.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zones file ({@code vision.zones.file}): {@code {"sources": {"<source_id or *>": {"zones": [{"name":
 * "yard", "polygon": [[x, y], ...], "labels": ["person"], "loitering_ms": 60000}], "lines": [{"name": "gate",
 * "points": [[x1, y1], [x2, y2]], "labels": []}]}}}}, normalized coordinates; {@code labels} and
 * {@code loitering_ms} may be left out (every label; no loitering).
 */
public final class ZonesJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZonesJson() {}

    /** @throws IOException naming the file and what is wrong in it */
    public static Map<String, ZoneSet> read(Path file) throws IOException {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the source, zone or line that is wrong */
    public static Map<String, ZoneSet> parse(JsonNode root) {
        JsonNode sources = root.path("sources");
        if (!sources.isObject()) {
            throw new IllegalArgumentException("expected an object \"sources\" at the top");
        }
        Map<String, ZoneSet> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), zoneSet(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("source '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static ZoneSet zoneSet(JsonNode node) {
        List<ZoneSet.Zone> zones = new ArrayList<>();
        for (JsonNode z : node.path("zones")) {
            zones.add(new ZoneSet.Zone(z.path("name").asText(null), points(z.path("polygon")), strings(z.path("labels")),
                    z.path("loitering_ms").asLong(0)));
        }
        List<ZoneSet.Line> lines = new ArrayList<>();
        for (JsonNode l : node.path("lines")) {
            lines.add(new ZoneSet.Line(l.path("name").asText(null), points(l.path("points")), strings(l.path("labels"))));
        }
        return new ZoneSet(zones, lines);
    }

    private static List<Point> points(JsonNode array) {
        List<Point> out = new ArrayList<>();
        for (JsonNode p : array) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new IllegalArgumentException("a point is [x, y] with two numbers, not " + p);
            }
            out.add(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The zones of {@code sourceId}: its own, else those of {@code "*"}, else none. */
    public static ZoneSet forSource(Map<String, ZoneSet> bySource, String sourceId) {
        ZoneSet own = bySource.get(sourceId);
        if (own != null) {
            return own;
        }
        return bySource.getOrDefault("*", ZoneSet.NONE);
    }
}
