package io.visionstreams.inference.detection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SSD anchor boxes a converted detector was trained with, in the model's output order:
 * {@code (ymin, xmin, ymax, xmax)} per anchor, normalized to [0,1] of the network input.
 * Stored beside the converted model as {@code <name>-anchors.json}
 * ({@code {"layout": "ymin,xmin,ymax,xmax", "count": 1917, "anchors": [[...], ...]}});
 * floats are written in Java's shortest round-trip form and read back bit-exactly.
 */
public final class SsdAnchors {

    public static final String LAYOUT = "ymin,xmin,ymax,xmax";

    private final float[] boxes;

    /** @param boxes {@code 4 * count} values, anchor-major */
    public SsdAnchors(float[] boxes) {
        if (boxes.length == 0 || boxes.length % 4 != 0) {
            throw new IllegalArgumentException("anchors need 4 values each, got " + boxes.length);
        }
        this.boxes = boxes.clone();
    }

    /** Where the anchors of converted model {@code name} live in {@code dir}. */
    public static Path file(Path dir, String name) {
        return dir.resolve(name + "-anchors.json");
    }

    public int count() {
        return boxes.length / 4;
    }

    /** Coordinate {@code k} (0 = ymin, 1 = xmin, 2 = ymax, 3 = xmax) of anchor {@code i}. */
    public float get(int i, int k) {
        return boxes[4 * i + k];
    }

    public float[] toArray() {
        return boxes.clone();
    }

    public void write(Path file, String source) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("layout", LAYOUT);
        root.put("normalized", true);
        root.put("source", source);
        root.put("count", count());
        ArrayNode rows = root.putArray("anchors");
        for (int i = 0; i < count(); i++) {
            ArrayNode row = rows.addArray();
            for (int k = 0; k < 4; k++) {
                row.add(get(i, k));
            }
        }
        Files.writeString(file, mapper.writeValueAsString(root) + "\n");
    }

    public static SsdAnchors read(Path file) throws IOException {
        // BigDecimal keeps the written digits, so parsing them as float is exact (no double rounding)
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode root = mapper.readTree(file.toFile());
        if (!LAYOUT.equals(root.path("layout").asText())) {
            throw new IOException(file + ": expected anchors in layout " + LAYOUT);
        }
        JsonNode rows = root.path("anchors");
        if (rows.size() != root.path("count").asInt()) {
            throw new IOException(file + ": count says " + root.path("count").asInt() + ", found " + rows.size());
        }
        float[] boxes = new float[4 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.size() != 4) {
                throw new IOException(file + ": anchor " + i + " has " + row.size() + " values");
            }
            for (int k = 0; k < 4; k++) {
                boxes[4 * i + k] = Float.parseFloat(row.get(k).decimalValue().toString());
            }
        }
        return new SsdAnchors(boxes);
    }
}
