package io.visionstreams.topology;

import io.visionstreams.avro.Stage;

/**
 * One task's answer for one frame, made on the batcher's worker thread (result encoding, PNG masks
 * included, stays off the stream thread). {@link Published} and {@link Failed} are forwarded; a
 * {@link Retry} is not: the frame stays pending.
 */
sealed interface Answer {

    /** Keyed by the event's source id; its Tags contribution: an encoded partial Tags record. */
    record Published(byte[] key, byte[] value, long capturedAt, byte[] tags) implements Answer {}

    /** A dead letter for this task only (INFERENCE or SERIALIZE). */
    record Failed(Stage stage, String reason, String message, byte[] tags) implements Answer {}

    /**
     * No answer: the batcher stopped ({@code cancelled}: a shutdown or revoked task; the next owner
     * submits again) or the model is not serving (ModelUnavailableException; submitted again later).
     */
    record Retry(Throwable cause, boolean cancelled) implements Answer {}
}
