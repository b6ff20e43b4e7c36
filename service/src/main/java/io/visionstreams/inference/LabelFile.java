package io.visionstreams.inference;

import java.io.IOException;
import java.io.InputStream;
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
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A label file bundled with the application (under {@code labels/} on the classpath). */
    public static List<String> fromResource(String resource) throws IOException {
        try (InputStream in = LabelFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("label resource " + resource + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), resource);
        }
    }

    private static List<String> parse(List<String> lines, String source) throws IOException {
        List<String> labels = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            labels.add(line.strip());
        }
        if (labels.isEmpty()) {
            throw new IOException(source + " has no labels");
        }
        return List.copyOf(labels);
    }
}
