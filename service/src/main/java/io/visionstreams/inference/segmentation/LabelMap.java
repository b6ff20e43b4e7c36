package io.visionstreams.inference.segmentation;

/**
 * A per-pixel class map: {@code labels[y * width + x]} is the class index (0..255, read unsigned).
 */
public record LabelMap(int width, int height, byte[] labels) {

    public LabelMap {
        if (width <= 0 || height <= 0 || labels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " label map needs " + (width * height)
                    + " bytes, got " + labels.length);
        }
    }

    public int classAt(int x, int y) {
        return labels[y * width + x] & 0xFF;
    }

    /**
     * Nearest-neighbour resize with half-pixel centres, {@code src = min(floor((dst + 0.5) * in / out), in - 1)}
     * per axis (how the reference scored its 513x513 maps at ground-truth size), in exact integer arithmetic.
     */
    public LabelMap resizeNearest(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        int[] srcX = sourceIndex(width, newWidth);
        int[] srcY = sourceIndex(height, newHeight);
        byte[] out = new byte[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int row = srcY[y] * width;
            for (int x = 0; x < newWidth; x++) {
                out[y * newWidth + x] = labels[row + srcX[x]];
            }
        }
        return new LabelMap(newWidth, newHeight, out);
    }

    /** Pixels per class index (256 entries). */
    public long[] histogram() {
        long[] counts = new long[256];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    private static int[] sourceIndex(int in, int out) {
        int[] src = new int[out];
        for (int d = 0; d < out; d++) {
            src[d] = (int) Math.min((2L * d + 1) * in / (2L * out), in - 1);
        }
        return src;
    }
}
