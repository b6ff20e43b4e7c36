package io.visionstreams.client.camera;

import java.time.Duration;
import java.util.Map;

/**
 * How frames become events.
 *
 * @param sourceId      every event's source_id (the record key) and the prefix of its event_id
 * @param fps           frames per second to keep (by presentation time for files, wall clock for
 *                      live streams); 0 keeps every frame
 * @param jpegQuality   JPEG quality 1-100 of re-encoded frames; null: {@link #DEFAULT_JPEG_QUALITY}
 *                      for decoded video, and MJPEG parts sent as the camera encoded them
 * @param buffer        live streams: frames held between the grabber and the sender; when full the
 *                      oldest is dropped
 * @param reconnectMin  live streams: first wait before re-opening a broken stream (doubling, reset
 *                      after a frame arrives)
 * @param reconnectMax  live streams: longest wait between attempts
 * @param stallTimeout  live streams: a stream with no frame for this long is treated as broken
 * @param maxFrameBytes MJPEG: largest part accepted (a larger one breaks the connection)
 * @param attributes    added to every event's attributes
 */
public record VideoOptions(String sourceId, double fps, Integer jpegQuality, int buffer, Duration reconnectMin,
        Duration reconnectMax, Duration stallTimeout, int maxFrameBytes, Map<String, String> attributes) {

    public static final int DEFAULT_JPEG_QUALITY = 90;

    public VideoOptions {
        if (sourceId == null || sourceId.isEmpty()) {
            throw new IllegalArgumentException("source id must not be empty");
        }
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be 0 (every frame) or positive, got " + fps);
        }
        if (jpegQuality != null && (jpegQuality < 1 || jpegQuality > 100)) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + jpegQuality);
        }
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must hold at least 1 frame, got " + buffer);
        }
        if (reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= min <= max");
        }
        attributes = Map.copyOf(attributes);
    }

    /** Defaults for everything but the source id and rate. */
    public static VideoOptions of(String sourceId, double fps) {
        return new VideoOptions(sourceId, fps, null, 32, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 20 * 1024 * 1024, Map.of());
    }

    public VideoOptions withJpegQuality(Integer quality) {
        return new VideoOptions(sourceId, fps, quality, buffer, reconnectMin, reconnectMax, stallTimeout,
                maxFrameBytes, attributes);
    }

    public VideoOptions withBuffer(int frames) {
        return new VideoOptions(sourceId, fps, jpegQuality, frames, reconnectMin, reconnectMax, stallTimeout,
                maxFrameBytes, attributes);
    }

    public VideoOptions withReconnect(Duration min, Duration max) {
        return new VideoOptions(sourceId, fps, jpegQuality, buffer, min, max, stallTimeout, maxFrameBytes, attributes);
    }

    public VideoOptions withStallTimeout(Duration timeout) {
        return new VideoOptions(sourceId, fps, jpegQuality, buffer, reconnectMin, reconnectMax, timeout,
                maxFrameBytes, attributes);
    }

    public VideoOptions withAttributes(Map<String, String> extra) {
        return new VideoOptions(sourceId, fps, jpegQuality, buffer, reconnectMin, reconnectMax, stallTimeout,
                maxFrameBytes, extra);
    }

    int decodedJpegQuality() {
        return jpegQuality == null ? DEFAULT_JPEG_QUALITY : jpegQuality;
    }
}
