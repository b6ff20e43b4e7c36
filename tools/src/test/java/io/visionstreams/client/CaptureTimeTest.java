package io.visionstreams.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.testing.DeepExifPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer reads EXIF for captured_at: hostile metadata costs it the EXIF time, never the run. */
class CaptureTimeTest {

    @TempDir
    Path dir;

    @Test
    void fallsBackToMtimeWhenExifChainsFiftyThousandIfds() throws IOException {
        Path png = Files.write(dir.resolve("deep-exif.png"), DeepExifPng.png(DeepExifPng.REVIEW_DEPTH));
        Instant mtime = Instant.parse("2026-03-04T05:06:07Z");
        Files.setLastModifiedTime(png, FileTime.from(mtime));

        CaptureTime.Captured captured = CaptureTime.of(png);

        assertThat(captured).isEqualTo(new CaptureTime.Captured(mtime, "mtime"));
    }

    @Test
    void theNextFileOfTheFolderIsStillSent() throws IOException {
        Files.write(dir.resolve("a-deep-exif.png"), DeepExifPng.png(DeepExifPng.REVIEW_DEPTH));
        Files.write(dir.resolve("b-plain.png"), DeepExifPng.png(1));
        FileEvents events = new FileEvents(ImageFiles.entries(List.of(dir)), "cam", ImageFiles.Options.DEFAULT);

        ImageEvent first = events.next();
        ImageEvent second = events.next();

        assertThat(first.getEventId()).isEqualTo("a-deep-exif.png");
        assertThat(first.getImage().remaining()).isGreaterThan(900_000);
        assertThat(second.getEventId()).isEqualTo("b-plain.png");
    }
}
