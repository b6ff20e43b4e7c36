package io.visionstreams.inference;

/** A model could not be resolved, verified, converted or loaded; fatal at start-up. */
public class ModelLoadException extends Exception {

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelLoadException(String message) {
        super(message);
    }
}
