package io.visionstreams.ingest;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Turns a frame as stored into the frame as meant to be seen, per its EXIF orientation tag (1-8),
 * with the same transpose/flip sequence as OpenCV's {@code imread} (so results match the reference).
 */
final class Orientation {

    private Orientation() {}

    /** Whether a frame stored with this tag is already upright: 1, or an invalid value (as 1). */
    static boolean isUpright(int orientation) {
        return orientation < 2 || orientation > 8;
    }

    /**
     * Returns the upright frame: {@code stored} itself for orientation 1 (or an invalid value),
     * otherwise a new Mat; the caller releases both.
     */
    static Mat upright(Mat stored, int orientation) {
        if (isUpright(orientation)) {
            return stored;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> Core.flip(stored, out, 1);                       // mirrored horizontally
            case 3 -> Core.rotate(stored, out, Core.ROTATE_180);
            case 4 -> Core.flip(stored, out, 0);                       // mirrored vertically
            case 5 -> Core.transpose(stored, out);                     // mirrored along the main diagonal
            case 6 -> Core.rotate(stored, out, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {                                                // mirrored along the anti-diagonal
                Core.transpose(stored, out);
                Core.flip(out, out, -1);
            }
            default -> Core.rotate(stored, out, Core.ROTATE_90_COUNTERCLOCKWISE); // 8
        }
        return out;
    }
}
