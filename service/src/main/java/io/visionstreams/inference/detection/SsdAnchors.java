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
 * The SSD anchor boxes a converted detector was trained with, in TF's anchor order, normalized to
 * [0,1] of the network input, in the layout the source model stores them: corners
 * {@code (ymin, xmin, ymax, xmax)} (the TF.js graph's constant) or centre-size
 * {@code (ycenter, xcenter, h, w)} (the input of TFLite's {@code TFLite_Detection_PostProcess}); and
 * for each anchor the row of the model's outputs that holds it (the flipped MXNet graph emits its
 * grid cells mirrored; see {@code TfjsSsdConverter}). Stored beside the converted model as
 * {@code <name>-anchors.json}: {@code {"layout": "ymin,xmin,ymax,xmax", "count": 1917,
 * "anchors": [[...], ...], "model_rows": [...]}} ({@code model_rows} absent = row i is anchor i).
 * Floats are written in Java's shortest round-trip form and read back bit-exactly.
 */
public final class SsdAnchors {

    public static final String LAYOUT = "ymin,xmin,ymax,xmax";

    /** How the four numbers of an anchor are to be read. */
    public enum Layout {
        CORNERS(LAYOUT),
        CENTER_SIZE("ycenter,xcenter,h,w");

        private final String text;

        Layout(String text) {
            this.text = text;
        }

        /** The {@code layout} value of the anchors file. */
        public String text() {
            return text;
        }

        static Layout of(String text) throws IOException {
            for (Layout l : values()) {
                if (l.text.equals(text)) {
                    return l;
                }
            }
            throw new IOException("unknown anchor layout '" + text + "'");
        }
    }

    private final float[] boxes;
    private final int[] modelRows;
    private final Layout layout;

    /** Anchors whose model output rows are in anchor order. */
    public SsdAnchors(float[] boxes) {
        this(boxes, null);
    }

    /**
     * @param boxes {@code 4 * count} values, anchor-major
     * @param rows  model output row of each anchor (a permutation), or null for the identity
     */
    public SsdAnchors(float[] boxes, int[] rows) {
        this(boxes, rows, Layout.CORNERS);
    }

    /**
     * @param boxes  {@code 4 * count} values, anchor-major, in {@code layout}
     * @param rows   model output row of each anchor (a permutation), or null for the identity
     * @param layout how each anchor's four values read
     */
    public SsdAnchors(float[] boxes, int[] rows, Layout layout) {
        this.layout = layout;
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

    public Layout layout() {
        return layout;
    }

    /** Value {@code k} of anchor {@code i} in its layout (corners: 0 = ymin, 1 = xmin, 2 = ymax, 3 = xmax). */
    public float get(int i, int k) {
        return boxes[4 * i + k];
    }

    /** Height of anchor {@code i}; for corners {@code ymax - ymin} in float32. */
    public float height(int i) {
        return layout == Layout.CENTER_SIZE ? boxes[4 * i + 2] : boxes[4 * i + 2] - boxes[4 * i];
    }

    /** Width of anchor {@code i}; for corners {@code xmax - xmin} in float32. */
    public float width(int i) {
        return layout == Layout.CENTER_SIZE ? boxes[4 * i + 3] : boxes[4 * i + 3] - boxes[4 * i + 1];
    }

    /** Vertical centre of anchor {@code i}; for corners {@code ymin + height * 0.5} in float32, as TF's decoder. */
    public float yCenter(int i) {
        return layout == Layout.CENTER_SIZE ? boxes[4 * i] : boxes[4 * i] + height(i) * 0.5f;
    }

    /** Horizontal centre of anchor {@code i}; for corners {@code xmin + width * 0.5} in float32. */
    public float xCenter(int i) {
        return layout == Layout.CENTER_SIZE ? boxes[4 * i + 1] : boxes[4 * i + 1] + width(i) * 0.5f;
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
        root.put("layout", layout.text());
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
        Layout layout;
        try {
            layout = Layout.of(root.path("layout").asText());
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
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
            return new SsdAnchors(boxes, modelRows, layout);
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
