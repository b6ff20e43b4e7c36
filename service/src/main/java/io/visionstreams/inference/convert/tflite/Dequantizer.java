package io.visionstreams.inference.convert.tflite;

import java.nio.ByteBuffer;

/**
 * Constant tensors as float32: quantized values become {@code scale * (q - zeroPoint)}, per tensor
 * or per channel along the quantized dimension; int32 biases use their own scale (input scale
 * times weight scale, as the file stores it). Float tensors pass through.
 */
final class Dequantizer {

    private Dequantizer() {}

    static float[] floats(TfliteTensor t) {
        ByteBuffer b = t.bytes();
        int n = Math.toIntExact(t.elementCount());
        if (b.remaining() != n * t.type().bytes()) {
            throw new IllegalArgumentException("tensor " + t.name() + " holds " + b.remaining() + " bytes for "
                    + n + " " + t.type() + " values");
        }
        Quantization q = t.quantization();
        float[] out = new float[n];
        if (t.type() == TensorType.FLOAT32) {
            b.asFloatBuffer().get(out);
            return out;
        }
        if (!q.isQuantized() && t.type() != TensorType.INT32) {
            throw new IllegalArgumentException("tensor " + t.name() + " is " + t.type() + " without quantization");
        }
        // Per-channel parameters repeat every `inner` elements along the quantized dimension.
        int inner = 1;
        int channels = 1;
        if (q.perChannel()) {
            for (int d = q.dimension() + 1; d < t.rank(); d++) {
                inner *= t.shape()[d];
            }
            channels = t.shape()[q.dimension()];
        }
        for (int i = 0; i < n; i++) {
            int c = q.perChannel() ? (i / inner) % channels : 0;
            long raw = switch (t.type()) {
                case UINT8 -> b.get(i) & 0xFF;
                case INT8 -> b.get(i);
                case INT16 -> b.getShort(2 * i);
                case INT32 -> b.getInt(4 * i);
                default -> throw new IllegalArgumentException(
                        "cannot dequantize " + t.type() + " tensor " + t.name());
            };
            out[i] = q.isQuantized() ? q.scale(c) * (raw - q.zeroPoint(c)) : raw;
        }
        return out;
    }

    /** An int32 or int64 constant (shapes, sizes, axes). */
    static int[] ints(TfliteTensor t) {
        ByteBuffer b = t.bytes();
        int n = Math.toIntExact(t.elementCount());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.type()) {
                case INT32 -> b.getInt(4 * i);
                case INT64 -> Math.toIntExact(b.getLong(8 * i));
                default -> throw new IllegalArgumentException("tensor " + t.name() + " is " + t.type() + ", not int");
            };
        }
        return out;
    }
}
