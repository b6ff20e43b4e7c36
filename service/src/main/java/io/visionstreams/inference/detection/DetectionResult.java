package io.visionstreams.inference.detection;

import java.util.List;

/** The objects found in one frame after non-maximum suppression, highest score first. */
public record DetectionResult(int imageWidth, int imageHeight, List<Detection> objects) {

    public DetectionResult {
        objects = List.copyOf(objects);
    }
}
