package io.visionstreams.client.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.MjpegServer;
import io.visionstreams.testing.SampleImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A local MJPEG camera (JDK HTTP server, multipart/x-mixed-replace) read as a live stream. */
class MjpegStreamTest {

    private static List<byte[]> jpegs;

    @BeforeAll
    static void cameraFrames() throws Exception {
        // twelve distinct small JPEGs: the sample images, cycled, each with its number burnt in
        ImageDecoder decoder = new ImageDecoder();
        jpegs = new ArrayList<>();
        List<String> names = List.of("cat.bmp", "bird.bmp", "owl.jpg", "parrot.jpg");
        for (int i = 0; i < 12; i++) {
            var rgb = ImageResize.bilinear(decoder.decode(SampleImages.bytes(names.get(i % 4))), 160, 120);
            BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 120; y++) {
                for (int x = 0; x < 160; x++) {
                    image.setRGB(x, y, (rgb.get(x, y, 0) << 16) | (rgb.get(x, y, 1) << 8) | rgb.get(x, y, 2));
                }
            }
            image.getGraphics().drawString(Integer.toString(i), 10, 20);
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", jpeg);
            jpegs.add(jpeg.toByteArray());
        }
    }

    @Test
    void sendsTheCamerasJpegsAtTheSampledRate() throws Exception {
        // given: a camera at 25 fps, sampled at 5
        try (MjpegServer camera = new MjpegServer(jpegs, 25, 0, 0);
             EventSource source = VideoSources.open(camera.url(), VideoOptions.of("cam-3", 5))) {
            // when
            List<ImageEvent> events = take(source, 6);
            // then: the camera's own bytes (no --jpeg-quality), keyed by the camera
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getSourceId()).isEqualTo("cam-3");
                assertThat(jpegs).anySatisfy(j -> assertThat(Serdes.bytes(e.getImage())).isEqualTo(j));
                assertThat(e.getAttributes()).containsEntry("captured_at_from", "wall_clock");
            });
            // the sampler's slots are 200 ms apart: 6 kept frames span at least 4 full slots
            long span = events.get(5).getCapturedAt().toEpochMilli() - events.get(0).getCapturedAt().toEpochMilli();
            assertThat(span).isGreaterThanOrEqualTo(4 * 200 - 1);
            assertThat(source.counts().sampledOut()).isPositive();
            assertThat(camera.framesSent()).isGreaterThan(events.size());
            assertIdsIncreaseAndNameTheCamera(events, "cam-3");
        }
    }

    @Test
    void reconnectsAfterTheCameraDropsTheConnection() throws Exception {
        // given: a camera that cuts every connection after 4 frames
        VideoOptions options = VideoOptions.of("cam-4", 0).withReconnect(Duration.ofMillis(20), Duration.ofMillis(200));
        try (MjpegServer camera = new MjpegServer(jpegs, 50, 4, 0);
             EventSource source = VideoSources.open(camera.url(), options)) {
            // when: more frames than one connection gives
            List<ImageEvent> events = take(source, 10);
            // then: the same source kept going over new connections
            assertThat(events).hasSize(10);
            assertThat(camera.connections()).isGreaterThanOrEqualTo(3);
            assertThat(source.counts().reconnects()).isGreaterThanOrEqualTo(2);
            assertIdsIncreaseAndNameTheCamera(events, "cam-4");
        }
    }

    @Test
    void dropsTheOldestFramesWhenNobodyTakesThem() throws Exception {
        // given: a camera that sends 12 frames and ends, and a buffer of 3 that nobody reads
        VideoOptions options = VideoOptions.of("cam-5", 0).withBuffer(3)
                .withReconnect(Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (MjpegServer camera = new MjpegServer(jpegs, 100, 0, 12);
             EventSource source = VideoSources.open(camera.url(), options)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (source.counts().framesRead() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // when
            List<ImageEvent> events = take(source, 3);
            // then: the newest three remain, nine were dropped
            assertThat(source.counts().framesRead()).isEqualTo(12);
            assertThat(source.counts().dropped()).isEqualTo(9);
            for (int i = 0; i < 3; i++) {
                assertThat(Serdes.bytes(events.get(i).getImage())).isEqualTo(jpegs.get(9 + i));
            }
        }
    }

    @Test
    void closingHandsOverWhatWasQueuedAndThenEnds() throws Exception {
        // given: a camera that sends 12 frames and ends, a buffer of 3 that is full
        VideoOptions options = VideoOptions.of("cam-8", 0).withBuffer(3)
                .withReconnect(Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (MjpegServer camera = new MjpegServer(jpegs, 100, 0, 12)) {
            EventSource source = VideoSources.open(camera.url(), options);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (source.counts().framesRead() < 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // when: closed (as Ctrl-C does) before anything was taken
            source.close();
            // then: the three queued frames, then the end
            List<ImageEvent> rest = new ArrayList<>();
            for (ImageEvent e = source.next(); e != null; e = source.next()) {
                rest.add(e);
            }
            assertThat(rest).hasSize(3);
            assertThat(Serdes.bytes(rest.get(2).getImage())).isEqualTo(jpegs.get(11));
        }
    }

    @Test
    void reencodesAtTheRequestedQuality() throws Exception {
        try (MjpegServer camera = new MjpegServer(jpegs, 25, 0, 0);
             EventSource source = VideoSources.open(camera.url(), VideoOptions.of("cam-6", 0).withJpegQuality(20))) {
            ImageEvent event = take(source, 1).get(0);
            byte[] sent = Serdes.bytes(event.getImage());
            assertThat(jpegs).noneSatisfy(j -> assertThat(sent).isEqualTo(j));
            assertThat(new ImageDecoder().decode(sent).width()).isEqualTo(160);
        }
    }

    @Test
    void refusesAUrlThatCannotBeReached() {
        assertThatThrownBy(() -> VideoSources.open("http://127.0.0.1:1/stream",
                VideoOptions.of("x", 0).withStallTimeout(Duration.ofSeconds(2)))).isInstanceOf(IOException.class);
    }

    private static List<ImageEvent> take(EventSource source, int n) throws Exception {
        List<ImageEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.size() < n && System.nanoTime() < deadline) {
            ImageEvent e = source.next();
            if (e != null) {
                events.add(e);
            }
        }
        assertThat(events).hasSize(n);
        return events;
    }

    private static void assertIdsIncreaseAndNameTheCamera(List<ImageEvent> events, String camera) {
        long previous = 0;
        for (ImageEvent e : events) {
            assertThat(e.getEventId()).startsWith(camera + "/");
            long micros = Long.parseLong(e.getEventId().substring(camera.length() + 1));
            assertThat(micros).isGreaterThan(previous);
            assertThat(micros / 1000).isEqualTo(e.getCapturedAt().toEpochMilli());
            previous = micros;
        }
    }
}
