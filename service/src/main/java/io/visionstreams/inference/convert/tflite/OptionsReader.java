package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.convert.tflite.OpOptions.Activation;
import io.visionstreams.inference.convert.tflite.OpOptions.Padding;

/** Reads an operator's {@code builtin_options} union into {@link OpOptions} (field slots per schema v3). */
final class OptionsReader {

    // BuiltinOptions union type codes.
    private static final int CONV_2D_OPTIONS = 1;
    private static final int DEPTHWISE_CONV_2D_OPTIONS = 2;
    private static final int POOL_2D_OPTIONS = 5;
    private static final int SOFTMAX_OPTIONS = 9;
    private static final int CONCATENATION_OPTIONS = 10;
    private static final int ADD_OPTIONS = 11;
    private static final int RESIZE_BILINEAR_OPTIONS = 15;
    private static final int RESHAPE_OPTIONS = 17;

    private OptionsReader() {}

    static OpOptions read(int unionType, FlatTable t) {
        if (t == null) {
            return new OpOptions.None();
        }
        return switch (unionType) {
            case CONV_2D_OPTIONS -> new OpOptions.Conv2D(padding(t, 0), t.getInt(1, 0), t.getInt(2, 0),
                    activation(t, 3), t.getInt(4, 1), t.getInt(5, 1));
            case DEPTHWISE_CONV_2D_OPTIONS -> new OpOptions.DepthwiseConv2D(padding(t, 0), t.getInt(1, 0),
                    t.getInt(2, 0), t.getInt(3, 0), activation(t, 4), t.getInt(5, 1), t.getInt(6, 1));
            case POOL_2D_OPTIONS -> new OpOptions.Pool2D(padding(t, 0), t.getInt(1, 0), t.getInt(2, 0),
                    t.getInt(3, 0), t.getInt(4, 0), activation(t, 5));
            case SOFTMAX_OPTIONS -> new OpOptions.Softmax(t.getFloat(0, 0f));
            case CONCATENATION_OPTIONS -> new OpOptions.Concatenation(t.getInt(0, 0), activation(t, 1));
            case ADD_OPTIONS -> new OpOptions.Add(activation(t, 0));
            // slots 0 and 1 are the deprecated new_height / new_width
            case RESIZE_BILINEAR_OPTIONS -> new OpOptions.ResizeBilinear(t.getBool(2, false), t.getBool(3, false));
            case RESHAPE_OPTIONS -> new OpOptions.Reshape(t.getInts(0));
            default -> new OpOptions.None();
        };
    }

    private static Padding padding(FlatTable t, int slot) {
        return Padding.values()[t.getByte(slot, (byte) 0)];
    }

    private static Activation activation(FlatTable t, int slot) {
        int code = t.getByte(slot, (byte) 0);
        if (code < 0 || code >= Activation.values().length) {
            throw new IllegalArgumentException("unknown fused activation code " + code);
        }
        return Activation.values()[code];
    }
}
