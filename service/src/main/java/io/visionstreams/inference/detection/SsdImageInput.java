package io.visionstreams.inference.detection;

import io.visionstreams.ingest.RgbImage;

/**
 * A decoded frame in, the SSD graph's input out: float32 CHW {@code [3, size, size]}, resized the way
 * the TF.js graph's own {@code ResizeBilinear} does on TF.js's CPU backend and mapped to [-1, 1] by
 * the graph's {@code Preprocessor/mul} and {@code Preprocessor/sub} constants.
 */
public final class SsdImageInput {

    /** {@code Preprocessor/mul/x}: 2/255 as float32. */
    static final float SCALE = 0.007843138f;

    private SsdImageInput() {}

    /** A new CHW array for {@code image}. */
    public static float[] of(RgbImage image, int size) {
        float[] out = new float[3 * size * size];
        fill(image, size, out, 0);
        return out;
    }

    /**
     * Writes the CHW tensor of {@code image} into {@code out} from {@code offset}.
     * Hand-written because no library resizes exactly like TF.js's CPU kernel: align_corners=false,
     * no half-pixel centres, {@code src = (in / out) * dst} and the lerps in double, each result
     * rounded to float32; then {@code x * 0.007843138f - 1f} in float32, as the graph computes it.
     */
    public static void fill(RgbImage image, int size, float[] out, int offset) {
        int inH = image.height();
        int inW = image.width();
        int[] col0 = new int[size];
        int[] col1 = new int[size];
        double[] colFrac = new double[size];
        double colRatio = (double) inW / size;
        for (int c = 0; c < size; c++) {
            double src = colRatio * c;
            col0[c] = (int) Math.floor(src);
            col1[c] = Math.min(inW - 1, (int) Math.ceil(src));
            colFrac[c] = src - col0[c];
        }
        byte[] px = image.pixels();
        double rowRatio = (double) inH / size;
        int plane = size * size;
        for (int r = 0; r < size; r++) {
            double src = rowRatio * r;
            int row0 = (int) Math.floor(src);
            int row1 = Math.min(inH - 1, (int) Math.ceil(src));
            double rowFrac = src - row0;
            int top = row0 * inW * 3;
            int bottom = row1 * inW * 3;
            for (int c = 0; c < size; c++) {
                int l = col0[c] * 3;
                int rt = col1[c] * 3;
                double f = colFrac[c];
                int dst = offset + r * size + c;
                for (int ch = 0; ch < 3; ch++) {
                    double tl = px[top + l + ch] & 0xFF;
                    double tr = px[top + rt + ch] & 0xFF;
                    double bl = px[bottom + l + ch] & 0xFF;
                    double br = px[bottom + rt + ch] & 0xFF;
                    double t = tl + (tr - tl) * f;
                    double b = bl + (br - bl) * f;
                    float v = (float) (t + (b - t) * rowFrac);
                    out[dst + ch * plane] = v * SCALE - 1f;
                }
            }
        }
    }
}
