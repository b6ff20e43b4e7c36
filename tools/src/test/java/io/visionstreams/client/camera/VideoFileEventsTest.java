package io.visionstreams.client.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video files made at test time from the sample images, read back as events. */
class VideoFileEventsTest {

    private static final String CREATED = "2024-05-01T21:30:00Z";

    @TempDir
    static Path tmp;

    private static Path mp4;
    private static Path mkv;

    @BeforeAll
    static void makeVideos() throws Exception {
        mp4 = TestVideos.make(tmp.resolve("ten-seconds.mp4"), TestVideos.Kind.H264_MP4, 10, 10, CREATED);
        mkv = TestVideos.make(tmp.resolve("three-seconds.mkv"), TestVideos.Kind.MPEG4_MKV, 10, 3, null);
    }

    @Test
    void samplesA10FpsFileAt5FpsByPresentationTime() throws Exception {
        // when
        List<ImageEvent> events = readAll(mp4, VideoOptions.of("cam-7", 5));
        // then: frames 0, 2, 4, ... of the 100
        assertThat(events).extracting(ImageEvent::getEventId)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "cam-7/" + 2 * i).toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getSourceId()).isEqualTo("cam-7");
            assertThat(e.getContentType()).isEqualTo("image/jpeg");
            assertThat(e.getImageUri()).isNull();
        });
    }

    @Test
    void givesTheSameIdsAndTimesOnASecondRead() throws Exception {
        List<ImageEvent> first = readAll(mp4, VideoOptions.of("cam-7", 5));
        List<ImageEvent> second = readAll(mp4, VideoOptions.of("cam-7", 5));
        assertThat(second).extracting(ImageEvent::getEventId)
                .containsExactlyElementsOf(first.stream().map(ImageEvent::getEventId).toList());
        assertThat(second).extracting(ImageEvent::getCapturedAt)
                .containsExactlyElementsOf(first.stream().map(ImageEvent::getCapturedAt).toList());
    }

    @Test
    void capturedAtIsTheContainersCreationTimePlusThePresentationTime() throws Exception {
        List<ImageEvent> events = readAll(mp4, VideoOptions.of("cam-7", 5));
        Instant created = Instant.parse(CREATED);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getCapturedAt()).isEqualTo(created.plusMillis(200L * i));
            assertThat(events.get(i).getAttributes()).containsEntry("captured_at_from", "creation_time");
        }
    }

    @Test
    void capturedAtFallsBackToTheFilesModificationTimeWithoutCreationTime() throws Exception {
        // given: a Matroska file without creation_time, modified at a known time
        Instant modified = Instant.parse("2025-03-04T05:06:07Z");
        Files.setLastModifiedTime(mkv, FileTime.from(modified));
        // when: every frame
        List<ImageEvent> events = readAll(mkv, VideoOptions.of("door", 0));
        // then
        assertThat(events).hasSize(30);
        assertThat(events.get(0).getCapturedAt()).isEqualTo(modified);
        assertThat(events.get(29).getCapturedAt()).isEqualTo(modified.plusMillis(2900));
        assertThat(events.get(29).getAttributes()).containsEntry("captured_at_from", "mtime")
                .containsEntry("frame", "29").containsEntry("pts_us", "2900000");
    }

    @Test
    void framesAreJpegsOfTheVideosSizeShowingTheImageOfTheirSecond() throws Exception {
        // given: second 0 shows cat.bmp, second 1 the COCO street scene
        List<ImageEvent> events = readAll(mp4, VideoOptions.of("cam-7", 1).withJpegQuality(95));
        ImageDecoder decoder = new ImageDecoder();
        RgbImage cat = decoder.decode(Serdes.bytes(events.get(0).getImage()));
        RgbImage street = decoder.decode(Serdes.bytes(events.get(1).getImage()));
        // then
        assertThat(events).hasSize(10);
        assertThat(Serdes.bytes(events.get(0).getImage())).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(cat.width()).isEqualTo(TestVideos.WIDTH);
        assertThat(cat.height()).isEqualTo(TestVideos.HEIGHT);
        assertThat(meanAbsoluteDifference(cat, street)).isGreaterThan(20);
    }

    @Test
    void higherJpegQualityGivesLargerFrames() throws Exception {
        int low = Serdes.bytes(readAll(mp4, VideoOptions.of("q", 1).withJpegQuality(30)).get(0).getImage()).length;
        int high = Serdes.bytes(readAll(mp4, VideoOptions.of("q", 1).withJpegQuality(95)).get(0).getImage()).length;
        assertThat(high).isGreaterThan(low * 2);
    }

    private static List<ImageEvent> readAll(Path video, VideoOptions options) throws Exception {
        List<ImageEvent> events = new ArrayList<>();
        try (EventSource source = VideoSources.open(video.toString(), options)) {
            for (ImageEvent e = source.next(); e != null; e = source.next()) {
                events.add(e);
            }
        }
        return events;
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }
}
