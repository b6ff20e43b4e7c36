package io.visionstreams.inference.convert.tflite;

/** What a quantized tensor's representable range says about the float graph. */
final class QuantRange {

    private QuantRange() {}

    /**
     * The real values a per-tensor uint8/int8 quantized tensor can hold, {@code {lo, hi}}, or
     * {@code null} when it is float or per-channel.
     */
    static float[] representable(TfliteTensor t) {
        Quantization q = t.quantization();
        if (!q.isQuantized() || q.perChannel()) {
            return null;
        }
        return switch (t.type()) {
            case UINT8 -> new float[] {q.scale(0) * (0 - q.zeroPoint(0)), q.scale(0) * (255 - q.zeroPoint(0))};
            case INT8 -> new float[] {q.scale(0) * (-128 - q.zeroPoint(0)), q.scale(0) * (127 - q.zeroPoint(0))};
            default -> null;
        };
    }

    /** True when the tensor is per-tensor quantized and represents exactly [0, 6] (within one step). */
    static boolean isRelu6(TfliteTensor t) {
        Quantization q = t.quantization();
        if (!q.isQuantized() || q.perChannel()) {
            return false;
        }
        long qmin;
        long qmax;
        switch (t.type()) {
            case UINT8 -> { qmin = 0; qmax = 255; }
            case INT8 -> { qmin = -128; qmax = 127; }
            default -> { return false; }
        }
        float scale = q.scale(0);
        float lo = scale * (qmin - q.zeroPoint(0));
        float hi = scale * (qmax - q.zeroPoint(0));
        return lo == 0f && Math.abs(hi - 6f) <= scale;
    }

    /**
     * The real range {@code [scale * (qmin - zp), scale * (qmax - zp)]} a per-tensor quantized
     * uint8/int8 tensor represents; null for float, per-channel or other types.
     */
    static float[] bounds(TfliteTensor t) {
        Quantization q = t.quantization();
        if (!q.isQuantized() || q.perChannel()) {
            return null;
        }
        long qmin;
        long qmax;
        switch (t.type()) {
            case UINT8 -> { qmin = 0; qmax = 255; }
            case INT8 -> { qmin = -128; qmax = 127; }
            default -> { return null; }
        }
        return new float[] {q.scale(0) * (qmin - q.zeroPoint(0)), q.scale(0) * (qmax - q.zeroPoint(0))};
    }
}
