package io.visionstreams.client.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.TestVideos;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL that is not MJPEG goes to FFmpeg as a live stream (the path RTSP takes), reopened when it ends. */
class FfmpegStreamTest {

    @TempDir
    Path tmp;

    @Test
    void readsAnHttpVideoStreamWithFfmpegAndReopensItWhenItEnds() throws Exception {
        // given: a 3 s, 10 fps Matroska stream over HTTP (30 frames per connection)
        byte[] clip = Files.readAllBytes(TestVideos.make(tmp.resolve("clip.mkv"), TestVideos.Kind.MPEG4_MKV, 10, 3, null));
        AtomicInteger connections = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/live.mkv", exchange -> {
            connections.incrementAndGet();
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "video/x-matroska");
                exchange.sendResponseHeaders(200, clip.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(clip);
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/live.mkv";
        VideoOptions options = VideoOptions.of("lobby", 0).withBuffer(64)
                .withReconnect(Duration.ofMillis(20), Duration.ofMillis(100));
        try (EventSource source = VideoSources.open(url, options)) {
            // when: more frames than one connection carries
            List<ImageEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.size() < 40 && System.nanoTime() < deadline) {
                ImageEvent e = source.next();
                if (e != null) {
                    events.add(e);
                }
            }
            // then
            assertThat(events).hasSize(40);
            assertThat(connections.get()).isGreaterThanOrEqualTo(2);
            assertThat(source.counts().reconnects()).isPositive();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getAttributes()).containsEntry("stream", url);
                assertThat(e.getEventId()).startsWith("lobby/");
            });
            assertThat(new ImageDecoder().decode(Serdes.bytes(events.get(0).getImage())).width())
                    .isEqualTo(TestVideos.WIDTH);
        } finally {
            server.stop(0);
        }
    }
}
