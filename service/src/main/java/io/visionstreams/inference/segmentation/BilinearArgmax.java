package io.visionstreams.inference.segmentation;

/**
 * The argmax of bilinearly upsampled class logits, without upsampling them: the label map MXNet's
 * {@code _contrib_BilinearResize2D} followed by an argmax over classes gives (same source coordinates, same
 * float arithmetic), for the graphs whose final resize was taken out ({@code MxTrailingResize}). Bilinear
 * interpolation is a convex combination of the four corner pixels, so where one class wins at all four
 * corners it wins everywhere between them; only pixels of cells whose corners disagree are interpolated, over
 * every class. No reachable library fuses the two steps.
 */
public final class BilinearArgmax {

    private BilinearArgmax() {}

    /**
     * @param logits       one or more frames' logits, {@code [classes][inH][inW]} each, frames one after another
     * @param frame        which frame
     * @param alignCorners {@code src = dst * (in - 1) / (out - 1)}; else half-pixel centres, {@code src = max((dst + 0.5) * in / out - 0.5, 0)}
     * @return the class of each output pixel, row by row ({@code outH * outW})
     */
    public static byte[] labels(float[] logits, int frame, int classes, int inH, int inW, int outH, int outW,
                                boolean alignCorners) {
        int plane = inH * inW;
        int base = frame * classes * plane;
        byte[] corner = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float max = logits[base + i];
            for (int c = 1; c < classes; c++) {
                float v = logits[base + c * plane + i];
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            corner[i] = (byte) best;
        }
        Axis rows = new Axis(inH, outH, alignCorners);
        Axis cols = new Axis(inW, outW, alignCorners);
        byte[] out = new byte[outH * outW];
        for (int y = 0; y < outH; y++) {
            int top = rows.index[y] * inW;
            int below = rows.step[y] * inW;
            float h1 = rows.lambda[y];
            float h0 = 1f - h1;
            for (int x = 0; x < outW; x++) {
                int p00 = top + cols.index[x];
                int p01 = p00 + cols.step[x];
                int p10 = p00 + below;
                int p11 = p10 + cols.step[x];
                byte k = corner[p00];
                if (corner[p01] == k && corner[p10] == k && corner[p11] == k) {
                    out[y * outW + x] = k;
                    continue;
                }
                float w1 = cols.lambda[x];
                float w0 = 1f - w1;
                int best = 0;
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0, o = base; c < classes; c++, o += plane) {
                    // MXNet's order of operations, so that near-ties fall the same way
                    float v = h0 * (w0 * logits[o + p00] + w1 * logits[o + p01])
                            + h1 * (w0 * logits[o + p10] + w1 * logits[o + p11]);
                    if (v > max) {
                        max = v;
                        best = c;
                    }
                }
                out[y * outW + x] = (byte) best;
            }
        }
        return out;
    }

    /** Per output coordinate: the source pixel before it, 1 where a next one exists (else 0), and the weight of that next one. */
    private static final class Axis {
        final int[] index;
        final int[] step;
        final float[] lambda;

        Axis(int in, int out, boolean alignCorners) {
            index = new int[out];
            step = new int[out];
            lambda = new float[out];
            float scale = alignCorners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : (float) in / out;
            for (int d = 0; d < out; d++) {
                float src = alignCorners ? scale * d : Math.max(scale * (d + 0.5f) - 0.5f, 0f);
                int i = Math.min((int) src, in - 1);
                index[d] = i;
                step[d] = i < in - 1 ? 1 : 0;
                lambda[d] = src - i;
            }
        }
    }
}
