package io.visionstreams.inference;

import io.visionstreams.ingest.RgbImage;

/** Turns a decoded frame into the float tensor a converted vision model takes. */
public final class ImageTensors {

    private ImageTensors() {}

    /**
     * Planar CHW float32 ({@code out[(c * height + y) * width + x]}), each value
     * {@code (pixel - zeroPoint) * scale}: the dequantized input of a uint8 TFLite model.
     */
    public static float[] normalizedChw(RgbImage image, float zeroPoint, float scale) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        byte[] px = image.pixels();
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = ((px[3 * i] & 0xFF) - zeroPoint) * scale;
            out[plane + i] = ((px[3 * i + 1] & 0xFF) - zeroPoint) * scale;
            out[2 * plane + i] = ((px[3 * i + 2] & 0xFF) - zeroPoint) * scale;
        }
        return out;
    }
}
