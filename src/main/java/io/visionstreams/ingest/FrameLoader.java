package io.visionstreams.ingest;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.results.Serdes;
import java.nio.ByteBuffer;

/**
 * Turns one input record into a {@link Frame}: reads the ImageEvent (Avro single-object
 * encoding), fetches the image when the event is a claim check, decodes and validates it.
 * Used by the decode step and again when pending frames are restored. Thread-safe.
 */
public final class FrameLoader {

    /** Fetches a claim-checked image; failures are {@link DecodeException}s of stage FETCH. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(String uri) throws DecodeException;
    }

    private final ImageDecoder decoder;
    private final Fetcher fetcher;

    public FrameLoader(ImageDecoder decoder, Fetcher fetcher) {
        this.decoder = decoder;
        this.fetcher = fetcher;
    }

    public Frame load(SourceRecord source) throws InputRejected {
        ImageEvent event = read(source);
        String eventId = event.getEventId();
        try {
            byte[] bytes = imageBytes(event);
            return new Frame(event, decoder.decode(bytes), source);
        } catch (DecodeException e) {
            throw new InputRejected(Stage.valueOf(e.stage().name()), e.reason(), e.getMessage(), eventId, e);
        } catch (RuntimeException e) { // a decoder bug must still end as a dead letter, not a dead thread
            throw new InputRejected(Stage.DECODE, "DECODER_ERROR", String.valueOf(e), eventId, e);
        }
    }

    private static ImageEvent read(SourceRecord source) throws InputRejected {
        if (source.value() == null) {
            throw new InputRejected(Stage.DESERIALIZE, "NULL_VALUE", "record has no value (tombstone)", null, null);
        }
        ImageEvent event;
        try {
            event = Serdes.IMAGE_EVENT.decode(source.value());
        } catch (Exception e) { // Avro throws several unchecked types for malformed input
            throw new InputRejected(Stage.DESERIALIZE, "NOT_AN_IMAGE_EVENT",
                    "value is not a single-object-encoded ImageEvent: " + e.getMessage(), null, e);
        }
        if (event.getEventId() == null || event.getEventId().isBlank()) {
            throw new InputRejected(Stage.VALIDATE, "MISSING_EVENT_ID", "event_id is empty", null, null);
        }
        return event;
    }

    private byte[] imageBytes(ImageEvent event) throws DecodeException {
        ByteBuffer image = event.getImage();
        if (image != null) {
            byte[] bytes = new byte[image.remaining()];
            image.duplicate().get(bytes);
            return bytes;
        }
        if (event.getImageUri() != null && !event.getImageUri().isBlank()) {
            return fetcher.fetch(event.getImageUri());
        }
        throw new DecodeException(DecodeException.Stage.VALIDATE, "NO_IMAGE", "event has neither image nor image_uri");
    }
}
