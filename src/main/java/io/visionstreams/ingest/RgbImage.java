package io.visionstreams.ingest;

/**
 * A decoded image: 8-bit RGB, row-major, interleaved ({@code pixels[(y * width + x) * 3 + c]}),
 * EXIF orientation already applied. Decoded once per event and shared, read-only, by every task.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "expected " + (width * height * 3) + " bytes for " + width + "x" + height + " RGB, got "
                            + pixels.length);
        }
    }

    /** Channel {@code c} (0 = R) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }
}
