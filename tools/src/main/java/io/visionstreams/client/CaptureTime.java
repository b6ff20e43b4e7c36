package io.visionstreams.client;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * When an image file was taken. In: a file. Out: its EXIF DateTimeOriginal when it has one (with the
 * EXIF OffsetTimeOriginal when present, else read in this JVM's time zone, as cameras write local
 * time), else the file's last-modified time; and which of the two it was ({@code exif} or
 * {@code mtime}). A file whose metadata cannot be read (not an image, broken) gets its mtime.
 */
public final class CaptureTime {

    /** A capture time and where it came from: {@code exif} or {@code mtime}. */
    public record Captured(Instant at, String from) {}

    private CaptureTime() {}

    public static Captured of(Path file) throws IOException {
        Instant exif = exifOriginal(file);
        if (exif != null) {
            return new Captured(exif, "exif");
        }
        return new Captured(Files.getLastModifiedTime(file).toInstant(), "mtime");
    }

    private static Instant exifOriginal(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
                Date original = exif.getDateOriginal(TimeZone.getDefault());
                if (original != null) {
                    return original.toInstant();
                }
            }
            return null;
        } catch (ImageProcessingException | IOException | RuntimeException unreadable) {
            return null; // not an image, or metadata the reader cannot parse: the stream will judge the bytes
        }
    }
}
