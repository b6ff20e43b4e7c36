package io.visionstreams.ingest;

/**
 * The stable, upper-case reason codes a {@link DecodeException} carries into a dead letter's
 * {@code reason} field. Dashboards and replay tooling match on them: add codes, never rename.
 */
public final class Reasons {

    // Stage DECODE: the bytes are not an image we can decode.
    /** No bytes at all (null, zero-length, or an event with neither image nor image_uri). */
    public static final String EMPTY_PAYLOAD = "EMPTY_PAYLOAD";
    /** The bytes start like no image format (text, HTML error pages, random bytes). */
    public static final String UNKNOWN_FORMAT = "UNKNOWN_FORMAT";
    /** A recognised image format that is deliberately not decoded (TIFF, JPEG 2000, HEIF/AVIF). */
    public static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
    /** The payload ends before the image does (JPEG without its end marker, PNG cut inside a chunk). */
    public static final String TRUNCATED = "TRUNCATED";
    /** A complete payload of a supported format that the decoders reject (bad CRC, bad stream, bad header). */
    public static final String CORRUPT_IMAGE = "CORRUPT_IMAGE";

    // Stage VALIDATE: outside the configured limits.
    /** More bytes than {@code vision.decode.max-bytes} (or, at stage FETCH, than the fetch limit). */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** The header declares more pixels than {@code vision.decode.max-pixels}, or a side over OpenCV's 2^20. */
    public static final String TOO_MANY_PIXELS = "TOO_MANY_PIXELS";
    /**
     * {@code captured_at} (every result's record timestamp) is one Kafka refuses: before 1970, or
     * further ahead of this instance's clock than a broker accepts by default.
     */
    public static final String CAPTURED_AT_OUT_OF_RANGE = "CAPTURED_AT_OUT_OF_RANGE";

    // Stage FETCH: the claim-check URI could not be read.
    /** Not a parseable absolute URI, or one without the parts its scheme needs. */
    public static final String BAD_URI = "BAD_URI";
    /**
     * A scheme outside {@code vision.fetch.schemes}, {@code file://} while no {@code vision.fetch.file-root}
     * is set, or a redirect from https to http.
     */
    public static final String SCHEME_NOT_ALLOWED = "SCHEME_NOT_ALLOWED";
    /** An http(s) URL (or a redirect's target) outside {@code vision.fetch.allowed-hosts}; an empty list allows none. */
    public static final String HOST_NOT_ALLOWED = "HOST_NOT_ALLOWED";
    /**
     * The host resolves only to loopback, private, link-local, multicast or other special-purpose
     * addresses outside {@code vision.fetch.allowed-networks} (checked on the addresses connected to).
     */
    public static final String ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED";
    /** More redirects than {@code vision.fetch.max-redirects}. */
    public static final String TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS";
    /** A file:// path outside the configured file root (after resolving links and "..") */
    public static final String PATH_NOT_ALLOWED = "PATH_NOT_ALLOWED";
    /** No regular file at the path, or HTTP 404/410. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** Any other non-2xx HTTP status; the message carries the code. */
    public static final String HTTP_STATUS = "HTTP_STATUS";
    /** Connect, response or body not complete within the time-out. */
    public static final String TIMEOUT = "TIMEOUT";
    /** Any other I/O failure (connection refused, unknown host, TLS, read error). */
    public static final String IO_ERROR = "IO_ERROR";

    // Stage DESERIALIZE: the value is no ImageEvent this instance can read.
    /**
     * A single-object-encoded record whose schema fingerprint matches neither this build's nor a
     * released ImageEvent schema nor one in {@code vision.schemas.dir}: typically a producer on a
     * newer schema; put its schema file in that folder and replay the dead letter.
     */
    public static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";

    private Reasons() {}
}
