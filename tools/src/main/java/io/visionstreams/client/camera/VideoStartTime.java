package io.visionstreams.client.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When a video file's first frame was taken. In: the container's {@code creation_time} metadata
 * (what the camera or muxer wrote; ISO-8601, or {@code yyyy-MM-dd HH:mm:ss} read as UTC, as FFmpeg
 * writes it) and the file. Out: that time when it is present and after 1970-01-02 (an unset MP4
 * time reads as 1904 or 1970), else the file's last-modified time; and which it was
 * ({@code creation_time} or {@code mtime}).
 */
final class VideoStartTime {

    record Start(Instant at, String from) {}

    private static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private VideoStartTime() {}

    static Start of(String creationTime, Path file) throws IOException {
        Instant created = parse(creationTime);
        if (created != null) {
            return new Start(created, "creation_time");
        }
        return new Start(Files.getLastModifiedTime(file).toInstant(), "mtime");
    }

    /** The instant written, or null when absent, unreadable or unset. */
    static Instant parse(String creationTime) {
        if (creationTime == null || creationTime.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(creationTime.trim());
        } catch (DateTimeParseException notIso) {
            try {
                at = LocalDateTime.parse(creationTime.trim(), SPACED).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return at.isBefore(EARLIEST) ? null : at;
    }
}
