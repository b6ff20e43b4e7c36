package io.visionstreams.inference.convert.tflite;

/**
 * Affine quantization of a tensor: {@code real = scale * (q - zeroPoint)}, one (scale, zero point)
 * per tensor, or one per slice along {@code dimension} (per-channel weights).
 *
 * @param scales     one value (per tensor) or one per channel; empty when not quantized
 * @param zeroPoints as many as {@code scales} (TFLite allows a single shared zero point too)
 * @param dimension  the quantized dimension for per-channel parameters
 * @param min        calibration minimum per channel, informative only (may be empty)
 * @param max        calibration maximum per channel, informative only (may be empty)
 */
public record Quantization(float[] scales, long[] zeroPoints, int dimension, float[] min, float[] max) {

    static final Quantization NONE = new Quantization(new float[0], new long[0], 0, new float[0], new float[0]);

    public boolean isQuantized() {
        return scales.length > 0;
    }

    public boolean perChannel() {
        return scales.length > 1;
    }

    public float scale(int channel) {
        return scales[scales.length == 1 ? 0 : channel];
    }

    public long zeroPoint(int channel) {
        return zeroPoints.length == 0 ? 0 : zeroPoints[zeroPoints.length == 1 ? 0 : channel];
    }
}
