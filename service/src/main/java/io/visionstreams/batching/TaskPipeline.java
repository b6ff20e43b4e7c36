package io.visionstreams.batching;

import io.visionstreams.inference.VisionTask;

/** What one task needs in the topology: its shared batcher and how its results are encoded. */
public record TaskPipeline<R>(VisionTask task, DynamicBatcher<R> batcher, ResultEncoder<R> encoder) {}
