package io.visionstreams.inference.convert.tfjs;

/**
 * TensorFlow's "SAME" (and "VALID") padding as MXNet's symmetric padding, with the flip trick of
 * DESIGN.md §3. TF pads {@code total = max((ceil(in/s) - 1) * s + k - in, 0)}, {@code total / 2}
 * before and the rest after, so an odd total puts the extra row at the end. The whole network runs
 * on the spatially flipped image with every kernel rotated 180°: there the extra row is at the
 * start, and padding {@code total / 2 + 1} on both sides samples exactly TF's grid (the surplus row
 * at the end is never reached, since {@code s >= 2} whenever the total is odd for odd {@code k}).
 * No {@code Pad} operator is needed, which keeps MXNet's MKLDNN fusion intact.
 */
final class SamePadding {

    private SamePadding() {}

    /** Output size of a TF convolution. */
    static int outputSize(String padding, int in, int kernel, int stride) {
        return switch (padding) {
            case "SAME" -> (in + stride - 1) / stride;
            case "VALID" -> (in - kernel) / stride + 1;
            default -> throw new UnsupportedOperationException("padding " + padding + " is not supported");
        };
    }

    /** The symmetric MXNet pad that reproduces TF's padding on the flipped input. */
    static int flippedPad(String padding, int in, int kernel, int stride) {
        if (padding.equals("VALID")) {
            if ((in - kernel) % stride != 0) {
                // TF drops trailing rows; on the flipped input they would be leading rows
                throw new UnsupportedOperationException("VALID padding with in=" + in + " k=" + kernel + " s="
                        + stride + " leaves rows unused, which the flip cannot reproduce");
            }
            return 0;
        }
        int out = outputSize(padding, in, kernel, stride);
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        int before = total / 2;
        int after = total - before;
        // after == before + 1 here: on the flipped input the larger pad is the leading one
        int pad = after;
        if ((in + 2 * pad - kernel) / stride + 1 != out) {
            throw new IllegalStateException("padding " + padding + " of in=" + in + " k=" + kernel + " s="
                    + stride + " has no symmetric equivalent");
        }
        return pad;
    }

    /** Whether TF pads unevenly here (the layers that would need a {@code Pad} op without the flip). */
    static boolean uneven(String padding, int in, int kernel, int stride) {
        if (padding.equals("VALID")) {
            return false;
        }
        int out = outputSize(padding, in, kernel, stride);
        return Math.max((out - 1) * stride + kernel - in, 0) % 2 != 0;
    }
}
