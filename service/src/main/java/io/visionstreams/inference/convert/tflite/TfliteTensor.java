package io.visionstreams.inference.convert.tflite;

import java.nio.ByteBuffer;

/**
 * One tensor of a TFLite subgraph: static shape (NHWC for images), element type, quantization,
 * and its constant data when it is a weight (otherwise {@code data} is {@code null}).
 */
public record TfliteTensor(int index, String name, int[] shape, TensorType type, Quantization quantization,
                           ByteBuffer data) {

    public boolean isConstant() {
        return data != null && data.remaining() > 0;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** A little-endian read view of the constant data, positioned at its start. */
    public ByteBuffer bytes() {
        if (!isConstant()) {
            throw new IllegalStateException("tensor " + name + " has no constant data");
        }
        return data.duplicate().order(data.order());
    }
}
