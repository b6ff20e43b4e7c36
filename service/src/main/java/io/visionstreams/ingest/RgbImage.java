package io.visionstreams.ingest;

/**
 * A decoded image: 8-bit RGB, row-major, interleaved ({@code pixels[(y * width + x) * 3 + c]}),
 * EXIF orientation already applied. Decoded once per event and shared, read-only, by every task.
 * A JPEG decoded at reduced resolution ({@code vision.decode.reduce}) remembers the upright size of
 * the image sent, {@code originalWidth} x {@code originalHeight}, the size masks are published at;
 * otherwise those equal {@code width} x {@code height}.
 */
public record RgbImage(int width, int height, byte[] pixels, int originalWidth, int originalHeight) {

    /** An image decoded at its own size. */
    public RgbImage(int width, int height, byte[] pixels) {
        this(width, height, pixels, width, height);
    }

    public RgbImage {
        if (originalWidth < width || originalHeight < height) {
            throw new IllegalArgumentException("original size " + originalWidth + "x" + originalHeight
                    + " is smaller than the decoded " + width + "x" + height);
        }
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
