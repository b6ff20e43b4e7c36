package io.visionstreams.inference.convert.tflite;

/** The builtin options of the operators this package converts (TFLite schema v3 tables). */
public sealed interface OpOptions {

    /** TF padding: SAME keeps {@code ceil(in / stride)} outputs, VALID uses no padding. */
    enum Padding { SAME, VALID }

    /** Activation fused into an operator's output. */
    enum Activation { NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT }

    /** No options (or options this package does not read). */
    record None() implements OpOptions {}

    record Conv2D(Padding padding, int strideW, int strideH, Activation activation, int dilationW, int dilationH)
            implements OpOptions {}

    record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier, Activation activation,
                           int dilationW, int dilationH) implements OpOptions {}

    record Pool2D(Padding padding, int strideW, int strideH, int filterWidth, int filterHeight,
                  Activation activation) implements OpOptions {}

    record ResizeBilinear(boolean alignCorners, boolean halfPixelCenters) implements OpOptions {}

    record Concatenation(int axis, Activation activation) implements OpOptions {}

    record Add(Activation activation) implements OpOptions {}

    /** {@code newShape} may be empty: the shape then comes from the second input tensor. */
    record Reshape(int[] newShape) implements OpOptions {}

    record Softmax(float beta) implements OpOptions {}

    /**
     * A CUSTOM operator's {@code custom_options}: the raw bytes, in the format the operator defines
     * (a FlexBuffer map for {@code TFLite_Detection_PostProcess}), as a read-only little-endian view.
     */
    record Custom(java.nio.ByteBuffer bytes) implements OpOptions {}

    /** The activation fused into this operator, NONE for operators without one. */
    default Activation fusedActivation() {
        if (this instanceof Conv2D c) {
            return c.activation();
        } else if (this instanceof DepthwiseConv2D d) {
            return d.activation();
        } else if (this instanceof Pool2D p) {
            return p.activation();
        } else if (this instanceof Concatenation c) {
            return c.activation();
        } else if (this instanceof Add a) {
            return a.activation();
        }
        return Activation.NONE;
    }
}
