package io.visionstreams.inference.convert.tfjs;

import java.util.Arrays;

/**
 * A constant tensor from a TF.js weight shard, row-major in TensorFlow's layout (e.g. HWIO filters).
 * Exactly one of {@code floats} / {@code ints} is set, per {@code dtype}.
 */
public record TfjsTensor(String name, int[] shape, String dtype, float[] floats, int[] ints) {

    static TfjsTensor ofFloats(String name, int[] shape, float[] values) {
        return new TfjsTensor(name, shape, "float32", values, null);
    }

    static TfjsTensor ofInts(String name, int[] shape, int[] values) {
        return new TfjsTensor(name, shape, "int32", null, values);
    }

    public int size() {
        return floats != null ? floats.length : ints.length;
    }

    public int rank() {
        return shape.length;
    }

    /** The float values; fails for an int32 tensor. */
    public float[] floatValues() {
        if (floats == null) {
            throw new IllegalStateException(name + " is " + dtype + ", expected float32");
        }
        return floats;
    }

    /** The int values; fails for a float32 tensor. */
    public int[] intValues() {
        if (ints == null) {
            throw new IllegalStateException(name + " is " + dtype + ", expected int32");
        }
        return ints;
    }

    /** The single value of a scalar (or one-element) float tensor. */
    public float floatScalar() {
        float[] v = floatValues();
        if (v.length != 1) {
            throw new IllegalStateException(name + " has shape " + Arrays.toString(shape) + ", expected a scalar");
        }
        return v[0];
    }

    /** The single value of a scalar (or one-element) int tensor. */
    public int intScalar() {
        int[] v = intValues();
        if (v.length != 1) {
            throw new IllegalStateException(name + " has shape " + Arrays.toString(shape) + ", expected a scalar");
        }
        return v[0];
    }
}
