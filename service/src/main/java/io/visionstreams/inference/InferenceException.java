package io.visionstreams.inference;

/** A model failed on a batch (or a single frame); the inference boundary turns it into a dead letter. */
public class InferenceException extends Exception {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}
