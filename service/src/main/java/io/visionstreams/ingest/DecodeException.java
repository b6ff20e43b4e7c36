package io.visionstreams.ingest;

/**
 * An input that cannot become a frame, with the dead-letter stage and reason code it maps to.
 * Reason codes are short, stable, upper-case identifiers, listed in {@link Reasons}.
 */
public class DecodeException extends Exception {

    /** The pipeline stage a failure belongs to (mirrors the Avro DeadLetter stage). */
    public enum Stage { FETCH, DECODE, VALIDATE }

    private final Stage stage;
    private final String reason;

    public DecodeException(Stage stage, String reason, String message) {
        super(message);
        this.stage = stage;
        this.reason = reason;
    }

    public DecodeException(Stage stage, String reason, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.reason = reason;
    }

    public Stage stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }
}
