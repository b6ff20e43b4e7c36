package io.visionstreams.inference.detection;

import io.visionstreams.inference.LabelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The detector's class names by COCO category id: line {@code i} of {@code coco_labels.txt} names
 * id {@code i + 1}; {@code n/a} marks the ids COCO never uses, which are never published.
 */
public final class CocoLabels {

    public static final String UNUSED = "n/a";
    /** How {@code labelmap.txt} marks the background line and the unused ids. */
    public static final String LABELMAP_UNUSED = "???";

    private final List<String> names;

    public CocoLabels(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no labels");
        }
        this.names = List.copyOf(names);
    }

    public static CocoLabels read(Path file) throws IOException {
        return new CocoLabels(LabelFile.read(file));
    }

    /**
     * From a TF object-detection {@code labelmap.txt} (the TFLite detection examples'): line {@code i}
     * names category id {@code i}, line 0 is the background and {@code ???} marks the unused ids;
     * the same 90-id COCO map as {@code coco_labels.txt}, one line longer.
     */
    public static CocoLabels fromLabelmap(List<String> lines) {
        if (lines.size() < 2 || !LABELMAP_UNUSED.equals(lines.get(0))) {
            throw new IllegalArgumentException("a labelmap starts with the background line '" + LABELMAP_UNUSED
                    + "', got " + (lines.isEmpty() ? "nothing" : "'" + lines.get(0) + "'"));
        }
        return new CocoLabels(lines.subList(1, lines.size()).stream()
                .map(l -> LABELMAP_UNUSED.equals(l) ? UNUSED : l).toList());
    }

    /** Highest category id (90 for the COCO map). */
    public int maxId() {
        return names.size();
    }

    /** Whether {@code id} names a real category (in range and not {@code n/a}). */
    public boolean isUsed(int id) {
        return id >= 1 && id <= names.size() && !UNUSED.equals(names.get(id - 1));
    }

    public String label(int id) {
        if (id < 1 || id > names.size()) {
            throw new IllegalArgumentException("no COCO category id " + id);
        }
        return names.get(id - 1);
    }
}
