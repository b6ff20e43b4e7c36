package io.visionstreams.inference;

/** The configured detection post-processing (vision.detection.*): the score and NMS IoU thresholds and the most objects per frame. */
public record DetectionSettings(float scoreThreshold, float iouThreshold, int maxDetections) {}
