package io.visionstreams.ingest;

import io.visionstreams.avro.ImageEvent;
import java.nio.ByteBuffer;

/**
 * One {@link ImageEvent} in, its decoded upright RGB frame out: the inline {@code image} bytes
 * when present, otherwise the bytes fetched from the {@code image_uri} claim check. Failures are
 * {@link DecodeException}s whose stage and reason go straight into the dead letter.
 * Thread-safe when its fetcher and decoder are (the project's are).
 */
public final class FrameLoader {

    private final ImageFetcher fetcher;
    private final ImageDecoder decoder;

    public FrameLoader(ImageFetcher fetcher, ImageDecoder decoder) {
        this.fetcher = fetcher;
        this.decoder = decoder;
    }

    public RgbImage load(ImageEvent event) throws DecodeException {
        return decoder.decode(encodedBytes(event));
    }

    /** The encoded image of an event: inline bytes first, then the claim check. */
    public byte[] encodedBytes(ImageEvent event) throws DecodeException {
        ByteBuffer inline = event.getImage();
        if (inline != null && inline.hasRemaining()) {
            byte[] bytes = new byte[inline.remaining()];
            inline.duplicate().get(bytes); // leave the event's buffer position untouched
            return bytes;
        }
        if (event.getImageUri() != null) {
            return fetcher.fetch(event.getImageUri());
        }
        throw new DecodeException(DecodeException.Stage.DECODE, Reasons.EMPTY_PAYLOAD,
                "event has neither image bytes nor image_uri");
    }
}
