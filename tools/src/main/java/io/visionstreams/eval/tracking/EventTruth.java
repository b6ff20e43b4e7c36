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
 * One expected object event of an events ground truth ({@code events.json}: a JSON list of
 * {@code {"type": "line_crossed"|"zone_entered"|"zone_left", "line"|"zone": name, "gt_id", "frame",
 * "from_side", "to_side"}}; the sides for crossings only, named as {@link ZonesFile.Line#side} names them).
 *
 * @param frame 1-based: the first frame on which the object's anchor is on the new side (inside, outside)
 */
public record EventTruth(String type, String name, long gtId, int frame, String fromSide, String toSide) {

    public static final String LINE_CROSSED = "line_crossed";
    public static final String ZONE_ENTERED = "zone_entered";
    public static final String ZONE_LEFT = "zone_left";
    /** The event types an events ground truth lists, and the only ones scored. */
    public static final List<String> TYPES = List.of(LINE_CROSSED, ZONE_ENTERED, ZONE_LEFT);

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean crossing() {
        return type.equals(LINE_CROSSED);
    }

    public static List<EventTruth> read(Path file) throws IOException {
        List<EventTruth> out = new ArrayList<>();
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": expected a JSON list of events");
        }
        for (JsonNode e : root) {
            String type = e.path("type").asText();
            if (!TYPES.contains(type)) {
                throw new IOException(file + ": unknown event type \"" + type + "\"");
            }
            boolean crossing = type.equals(LINE_CROSSED);
            out.add(new EventTruth(type, e.path(crossing ? "line" : "zone").asText(), e.path("gt_id").asLong(),
                    e.path("frame").asInt(), crossing ? e.path("from_side").asText() : null,
                    crossing ? e.path("to_side").asText() : null));
        }
        return out;
    }

    public static void write(Path file, List<EventTruth> events) throws IOException {
        ArrayNode root = JSON.createArrayNode();
        for (EventTruth e : events) {
            ObjectNode o = root.addObject().put("type", e.type()).put(e.crossing() ? "line" : "zone", e.name())
                    .put("gt_id", e.gtId()).put("frame", e.frame());
            if (e.crossing()) {
                o.put("from_side", e.fromSide()).put("to_side", e.toSide());
            }
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
