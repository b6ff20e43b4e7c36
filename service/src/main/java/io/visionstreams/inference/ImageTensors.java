package io.visionstreams.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.visionstreams.ingest.RgbImage;
import java.nio.ByteBuffer;

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

    /**
     * The model input of one frame already at the model's size: its RGB bytes as they are, uint8
     * HWC, for a graph that normalizes inside ({@code uint8Input}, one bulk copy); else
     * {@link #normalizedChw} as float32 CHW.
     */
    public static NDArray modelInput(NDManager manager, RgbImage resized, boolean uint8Input, float zeroPoint,
                                     float scale) {
        int w = resized.width();
        int h = resized.height();
        if (uint8Input) {
            return manager.create(ByteBuffer.wrap(resized.pixels()), new Shape(h, w, 3), DataType.UINT8);
        }
        return manager.create(normalizedChw(resized, zeroPoint, scale), new Shape(3, h, w));
    }
}
