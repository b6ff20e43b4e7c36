package io.visionstreams.batching;

/**
 * A model is paused after a systemic failure (every batch and every frame-by-frame retry failing):
 * a frame's future completes with this instead of a per-frame error. The frame is not at fault, so it
 * is never dead-lettered; the processor keeps it pending and the task's progress stops until the
 * model recovers (the batcher probes it again with backoff).
 */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
