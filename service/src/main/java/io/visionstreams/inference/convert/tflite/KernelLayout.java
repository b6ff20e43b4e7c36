package io.visionstreams.inference.convert.tflite;

/**
 * Re-lays TFLite convolution weights for MXNet's NCHW convolution: {@code OHWI -> OIHW} for full
 * convolutions, {@code 1HWC -> C1HW} for depthwise ones (grouped convolution with one group per
 * input channel). Optionally rotates each kernel by 180° for the spatial flip of DESIGN.md §3.
 */
final class KernelLayout {

    private KernelLayout() {}

    static float[] ohwiToOihw(float[] w, int o, int h, int wd, int in, boolean rotate) {
        float[] out = new float[w.length];
        for (int oc = 0; oc < o; oc++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    int sy = rotate ? h - 1 - y : y;
                    int sx = rotate ? wd - 1 - x : x;
                    for (int ic = 0; ic < in; ic++) {
                        out[((oc * in + ic) * h + y) * wd + x] = w[((oc * h + sy) * wd + sx) * in + ic];
                    }
                }
            }
        }
        return out;
    }

    /** {@code [1, H, W, C]} (C = input channels times depth multiplier) to {@code [C, 1, H, W]}. */
    static float[] depthwiseToC1hw(float[] w, int h, int wd, int c, boolean rotate) {
        float[] out = new float[w.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < wd; x++) {
                int sy = rotate ? h - 1 - y : y;
                int sx = rotate ? wd - 1 - x : x;
                for (int ch = 0; ch < c; ch++) {
                    out[(ch * h + y) * wd + x] = w[(sy * wd + sx) * c + ch];
                }
            }
        }
        return out;
    }
}
