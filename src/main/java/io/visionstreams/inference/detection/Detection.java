package io.visionstreams.inference.detection;

/**
 * One detected object: COCO category id (90-id map), label, score, and its box normalized to
 * [0,1] of the original image ((0,0) = top-left). Boxes are not clipped, as the reference runtime.
 */
public record Detection(int classId, String label, float score, float xMin, float yMin, float xMax, float yMax) {}
