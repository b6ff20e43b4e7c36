package io.visionstreams.batching;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.inference.ModelInfo;

/** Encodes one task's per-frame result as the bytes of its public Avro record. */
@FunctionalInterface
public interface ResultEncoder<R> {

    byte[] encode(ImageEvent event, ModelInfo model, BatchTiming timing, R result);
}
