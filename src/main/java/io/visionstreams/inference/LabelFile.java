package io.visionstreams.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's class names, one per line in output-index order. The list ends at the first blank line:
 * {@code pascal_voc_segmentation_labels.txt} has a note about index 255 after one.
 */
public final class LabelFile {

    private LabelFile() {}

    public static List<String> read(Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                break;
            }
            labels.add(line.strip());
        }
        if (labels.isEmpty()) {
            throw new IOException(file + " has no labels");
        }
        return List.copyOf(labels);
    }
}
