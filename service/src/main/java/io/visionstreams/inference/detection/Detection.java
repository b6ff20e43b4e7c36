package io.visionstreams.inference.detection;

/**
 * One detected object: COCO category id (90-id map), label, score, and its box normalized to
 * [0,1] of the original image ((0,0) = top-left). Published boxes are clipped to the image
 * ({@link #clippedToImage()}); the reference runtime does not clip, so its boxes may reach
 * slightly outside.
 */
public record Detection(int classId, String label, float score, float xMin, float yMin, float xMax, float yMax) {

    /** This detection with each coordinate clamped to [0,1]: the part of the box inside the image. */
    public Detection clippedToImage() {
        return new Detection(classId, label, score, unit(xMin), unit(yMin), unit(xMax), unit(yMax));
    }

    private static float unit(float v) {
        return Math.min(1f, Math.max(0f, v));
    }
}
