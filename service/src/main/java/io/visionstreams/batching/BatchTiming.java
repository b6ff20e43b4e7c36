package io.visionstreams.batching;

/** Where one frame's inference time went: queue wait, the batch's model time, the batch size. */
public record BatchTiming(double queueMs, double inferenceMs, int batchSize) {}
