package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.convert.tflite.OpOptions.Padding;

/**
 * One spatial axis of a convolution or pooling window with TF's padding rule, and the MXNet
 * padding that samples exactly TF's grid. TF "SAME" pads {@code total / 2} before and the rest
 * after, so a stride-2 window on an even input pads (0, 1); MXNet pads symmetrically. On the
 * spatially flipped tensor (DESIGN.md §3) the window must start {@code reach - before} early
 * instead of {@code before}, where {@code reach = (out - 1) * stride + kernel - in}, which turns
 * TF's (0, 1) into a symmetric 1 whose extra trailing pad is never read.
 */
record WindowAxis(int in, int out, int kernel, int stride, int before) {

    static WindowAxis of(int in, int kernel, int stride, int dilation, Padding padding) {
        int effective = (kernel - 1) * dilation + 1;
        if (padding == Padding.VALID) {
            return new WindowAxis(in, (in - effective) / stride + 1, effective, stride, 0);
        }
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + effective - in, 0);
        return new WindowAxis(in, out, effective, stride, total / 2);
    }

    /** How far the last window reaches past the input (negative: trailing inputs are never read). */
    int reach() {
        return (out - 1) * stride + kernel - in;
    }

    /** The symmetric MXNet pad reproducing TF's grid in the plain or flipped domain, or -1 if none does. */
    int symmetricPad(boolean flipped) {
        int start = flipped ? reach() - before : before;
        // in + 2 * start < kernel: the window does not fit at all (integer division would hide it)
        if (start < 0 || in + 2 * start < kernel || (in + 2 * start - kernel) / stride + 1 != out) {
            return -1;
        }
        return start;
    }

    /** Explicit (before, after) padding for a {@code Pad} op, after which the window needs no padding. */
    int[] explicitPad(boolean flipped) {
        int start = flipped ? reach() - before : before;
        int end = Math.max(0, flipped ? before : reach() - before); // inputs never read need no pad
        if (start < 0) {
            throw new IllegalStateException("window needs a crop, not a pad: in " + in + ", kernel " + kernel
                    + ", stride " + stride + (flipped ? " (flipped)" : ""));
        }
        return new int[] {start, end};
    }
}
