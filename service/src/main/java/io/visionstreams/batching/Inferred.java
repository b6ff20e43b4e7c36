package io.visionstreams.batching;

/** A model's output for one frame, with its timing. */
public record Inferred<R>(R result, BatchTiming timing) {}
