package io.visionstreams.inference.detection;

import io.visionstreams.inference.ImageTensors;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;

/** A decoded frame in, a detector network's float32 CHW {@code [3, size, size]} input out, as its reference did. */
@FunctionalInterface
public interface DetectorInput {

    float[] chw(RgbImage image, int size);

    /** The SSDLite TF.js graph's own bilinear resize and {@code x * 2/255 - 1} ({@link SsdImageInput}). */
    DetectorInput TFJS_GRAPH = SsdImageInput::of;

    /**
     * A uint8 TFLite detector: OpenCV {@code resize(INTER_LINEAR)} to size x size (what the reference
     * fed the TFLite runtime), then the input's dequantization {@code (pixel - zeroPoint) * scale}.
     */
    static DetectorInput tflite(float zeroPoint, float scale) {
        return (image, size) -> ImageTensors.normalizedChw(ImageResize.bilinear(image, size, size), zeroPoint, scale);
    }
}
