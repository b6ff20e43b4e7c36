package io.visionstreams.ingest;

import io.visionstreams.avro.Stage;

/** An input record that cannot become a frame: the dead-letter stage, reason code and event id if known. */
public class InputRejected extends Exception {

    private final Stage stage;
    private final String reason;
    private final String eventId;

    public InputRejected(Stage stage, String reason, String message, String eventId, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.reason = reason;
        this.eventId = eventId;
    }

    public Stage stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }

    /** The event's id, or null when the value could not be read far enough. */
    public String eventId() {
        return eventId;
    }
}
