package io.visionstreams.ingest;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.registry.RegistryClient;
import io.visionstreams.registry.RegistryDecoder;
import io.visionstreams.registry.RegistryUnavailableException;
import io.visionstreams.registry.UnknownSchemaIdException;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.avro.message.MissingSchemaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input record in, its {@link Frame} out: reads the ImageEvent (Avro single-object encoding, or
 * the registry's framing, detected per record; a registry that does not answer is waited for, never
 * a dead letter), takes the inline {@code image} bytes when present, otherwise fetches the {@code image_uri} claim
 * check, then decodes and validates the image. Used by the decode step and again when pending
 * frames are restored. Thread-safe when its fetcher and decoder are (the project's are).
 */
public final class FrameLoader {

    /**
     * How far ahead of this instance's clock {@code captured_at} (every result's record timestamp)
     * may be: Kafka's default {@code message.timestamp.after.max.ms} (1 h) less a margin for clock
     * differences. Kafka refuses results timestamped further ahead, or before 1970, which would
     * fail the stream task on every retry.
     */
    static final Duration MAX_CAPTURED_AHEAD = Duration.ofMinutes(55);
    /** Longest pause between two tries of a registry that did not answer. */
    static final Duration MAX_REGISTRY_BACKOFF = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(FrameLoader.class);

    private final ImageFetcher fetcher;
    private final ImageDecoder decoder;
    private final AvroSerde<ImageEvent> events;

    public FrameLoader(ImageFetcher fetcher, ImageDecoder decoder) {
        this(fetcher, decoder, Serdes.IMAGE_EVENT);
    }

    /** @param events reads the ImageEvents: this build's and the released schemas, and any newer ones it resolves */
    public FrameLoader(ImageFetcher fetcher, ImageDecoder decoder, AvroSerde<ImageEvent> events) {
        this.fetcher = fetcher;
        this.decoder = decoder;
        this.events = events;
    }

    /** The registry registry-framed events are read through, or null. */
    public RegistryClient registry() {
        return events.framedDecoder() instanceof RegistryDecoder<?> registry ? registry.client() : null;
    }

    /** A raw input record to a frame, or the reason it becomes a dead letter; waits for the registry as long as it takes. */
    public Frame load(SourceRecord source) throws InputRejected {
        return load(source, DecodeGate.OPEN);
    }

    /**
     * As {@link #load(SourceRecord)}, asking {@code gate} before any pixel is decoded (the caller reserves the
     * decoder's memory there); null when the gate says no.
     */
    public Frame load(SourceRecord source, DecodeGate gate) throws InputRejected {
        return load(source, gate, () -> false);
    }

    /**
     * As {@link #load(SourceRecord, DecodeGate)}; while the schema registry does not answer, tries again (backing
     * off to {@link #MAX_REGISTRY_BACKOFF}) until it does: null when {@code abandoned} says so meanwhile, or the
     * thread is interrupted (nothing decided: the record is read again by whoever owns it next).
     */
    public Frame load(SourceRecord source, DecodeGate gate, BooleanSupplier abandoned) throws InputRejected {
        ImageEvent event;
        try {
            event = read(source, abandoned);
        } catch (InterruptedException letGo) {
            if (!abandoned.getAsBoolean()) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        try {
            byte[] encoded = encodedBytes(event);
            if (!gate.admit(encoded.length, DecodedSize.upperBound(encoded, decoder.maxPixels()))) {
                return null;
            }
            return new Frame(event, decoder.decode(encoded), source);
        } catch (DecodeException e) {
            throw new InputRejected(Stage.valueOf(e.stage().name()), e.reason(), e.getMessage(), event.getEventId(), e);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // a decoder bug or a recursion too deep for one frame ends as a dead letter, not a dead stream thread;
            // an OutOfMemoryError is the JVM's, not this frame's, and is left to stop the instance
            throw new InputRejected(Stage.DECODE, Reasons.DECODER_ERROR, String.valueOf(e), event.getEventId(), e);
        }
    }

    /** An event's decoded, upright RGB frame. */
    public RgbImage load(ImageEvent event) throws DecodeException {
        return decoder.decode(encodedBytes(event));
    }

    /** The encoded image of an event: inline bytes first, then the claim check. */
    public byte[] encodedBytes(ImageEvent event) throws DecodeException {
        ByteBuffer inline = event.getImage();
        if (inline != null && inline.hasRemaining()) {
            return Serdes.bytes(inline);
        }
        if (event.getImageUri() != null) {
            return fetcher.fetch(event.getImageUri());
        }
        throw new DecodeException(DecodeException.Stage.DECODE, Reasons.EMPTY_PAYLOAD,
                "event has neither image bytes nor image_uri");
    }

    private ImageEvent read(SourceRecord source, BooleanSupplier abandoned) throws InputRejected, InterruptedException {
        if (source.value() == null) {
            throw new InputRejected(Stage.DESERIALIZE, "NULL_VALUE", "record has no value (tombstone)", null, null);
        }
        ImageEvent event;
        try {
            event = decodeWaiting(source, abandoned);
        } catch (UnknownSchemaIdException e) {
            throw new InputRejected(Stage.DESERIALIZE, Reasons.UNKNOWN_SCHEMA, e.getMessage(), null, e);
        } catch (MissingSchemaException e) {
            throw new InputRejected(Stage.DESERIALIZE, Reasons.UNKNOWN_SCHEMA, e.getMessage() + " (neither this build's "
                    + "nor a released ImageEvent schema; a newer producer's schema file belongs in vision.schemas.dir)",
                    null, e);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Avro throws several unchecked types for malformed input
            throw new InputRejected(Stage.DESERIALIZE, "NOT_AN_IMAGE_EVENT",
                    "value is not an ImageEvent (single-object or registry-framed): " + e.getMessage(), null, e);
        }
        if (event.getEventId() == null || event.getEventId().isBlank()) {
            throw new InputRejected(Stage.VALIDATE, "MISSING_EVENT_ID", "event_id is empty", null, null);
        }
        Instant captured = event.getCapturedAt();
        if (captured.isBefore(Instant.EPOCH) || captured.isAfter(Instant.now().plus(MAX_CAPTURED_AHEAD))) {
            throw new InputRejected(Stage.VALIDATE, Reasons.CAPTURED_AT_OUT_OF_RANGE, "captured_at " + captured
                    + " is before 1970 or more than " + MAX_CAPTURED_AHEAD.toMinutes()
                    + " min ahead of this instance's clock", event.getEventId(), null);
        }
        return event;
    }

    /** Decodes; while the registry does not answer, waits and tries again (not the record's fault). */
    private ImageEvent decodeWaiting(SourceRecord source, BooleanSupplier abandoned) throws Exception {
        long backoffMillis = 100;
        for (int attempt = 0; ; attempt++) {
            try {
                return events.decode(source.value());
            } catch (RegistryUnavailableException down) {
                if (attempt == 0) {
                    log.warn("waiting for the schema registry to read {}: {}", source.coordinates(), down.getMessage());
                }
                long until = System.nanoTime() + backoffMillis * 1_000_000;
                while (System.nanoTime() < until) {
                    if (abandoned.getAsBoolean()) {
                        throw new InterruptedException("let go of while waiting for the schema registry");
                    }
                    Thread.sleep(Math.min(100, backoffMillis));
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_REGISTRY_BACKOFF.toMillis());
            }
        }
    }
}
