package io.visionstreams.inference.segmentation;

import java.util.List;

/**
 * A label map at the original image resolution ({@code labels[y * width + x]} = VOC class index)
 * and the classes present in it, largest first.
 */
public record SegmentationResult(int width, int height, byte[] labels, List<ClassFraction> classes) {

    public SegmentationResult {
        if (labels.length != width * height) {
            throw new IllegalArgumentException("label map needs " + (width * height) + " bytes, got " + labels.length);
        }
        classes = List.copyOf(classes);
    }
}
