package io.visionstreams.inference.detection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The SSD anchor boxes a converted detector was trained with, in TF's anchor order:
 * {@code (ymin, xmin, ymax, xmax)} per anchor, normalized to [0,1] of the network input, and for
 * each anchor the row of the model's outputs that holds it (the flipped MXNet graph emits its
 * grid cells mirrored; see {@code TfjsSsdConverter}). Stored beside the converted model as
 * {@code <name>-anchors.json}: {@code {"layout": "ymin,xmin,ymax,xmax", "count": 1917,
 * "anchors": [[...], ...], "model_rows": [...]}} ({@code model_rows} absent = row i is anchor i).
 * Floats are written in Java's shortest round-trip form and read back bit-exactly.
 */
public final class SsdAnchors {

    public static final String LAYOUT = "ymin,xmin,ymax,xmax";

    private final float[] boxes;
    private final int[] modelRows;

    /** Anchors whose model output rows are in anchor order. */
    public SsdAnchors(float[] boxes) {
        this(boxes, null);
    }

    /**
     * @param boxes {@code 4 * count} values, anchor-major
     * @param rows  model output row of each anchor (a permutation), or null for the identity
     */
    public SsdAnchors(float[] boxes, int[] rows) {
        if (boxes.length == 0 || boxes.length % 4 != 0) {
            throw new IllegalArgumentException("anchors need 4 values each, got " + boxes.length);
        }
        this.boxes = boxes.clone();
        this.modelRows = rows == null ? identity(boxes.length / 4) : checkedPermutation(rows, boxes.length / 4);
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

    /** The row of the model's outputs that belongs to anchor {@code i}. */
    public int row(int i) {
        return modelRows[i];
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
        if (!Arrays.equals(modelRows, identity(count()))) {
            ArrayNode rowArray = root.putArray("model_rows");
            Arrays.stream(this.modelRows).forEach(rowArray::add);
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
        int[] modelRows = null;
        if (root.has("model_rows")) {
            modelRows = new int[root.path("model_rows").size()];
            for (int i = 0; i < modelRows.length; i++) {
                modelRows[i] = root.path("model_rows").get(i).asInt();
            }
        }
        try {
            return new SsdAnchors(boxes, modelRows);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static int[] checkedPermutation(int[] rows, int n) {
        boolean[] seen = new boolean[n];
        if (rows.length != n) {
            throw new IllegalArgumentException("model_rows has " + rows.length + " entries for " + n + " anchors");
        }
        for (int r : rows) {
            if (r < 0 || r >= n || seen[r]) {
                throw new IllegalArgumentException("model_rows is not a permutation of 0.." + (n - 1));
            }
            seen[r] = true;
        }
        return rows.clone();
    }
}
