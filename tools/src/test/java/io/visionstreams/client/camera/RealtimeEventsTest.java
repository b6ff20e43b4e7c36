package io.visionstreams.client.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.testing.TestVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --realtime}: a video file handed out at its own frame rate. */
class RealtimeEventsTest {

    @TempDir
    Path tmp;

    @Test
    void framesOfATenFpsFileAreHandedOutATenthOfASecondApartOnItsClock() throws Exception {
        // given a 2 s, 10 fps video and a clock that only the sleeps advance
        Path video = TestVideos.make(tmp.resolve("v.mkv"), TestVideos.Kind.MPEG4_MKV, 10, 2, null);
        long[] clock = {5_000_000_000L};
        List<Long> handedAt = new ArrayList<>();
        List<ImageEvent> events = new ArrayList<>();
        // when
        try (EventSource source = new RealtimeEvents(VideoSources.open(video.toString(), VideoOptions.of("cam", 0)),
                () -> clock[0], nanos -> clock[0] += nanos, () -> 1_700_000_000_000L + clock[0] / 1_000_000)) {
            ImageEvent e;
            while ((e = source.next()) != null) {
                handedAt.add(clock[0]);
                events.add(e);
            }
        }
        // then: 20 frames, frame i at start + i * 100 ms (the file's presentation times)
        assertThat(handedAt).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(handedAt.get(i) - handedAt.get(0)).as("frame " + i).isEqualTo(i * 100_000_000L);
        }
        // and stamped as a camera stamps them: the wall clock when each is due (the first at 1_700_000_005_000)
        assertThat(events).extracting(ev -> ev.getCapturedAt().toEpochMilli())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 20).map(i -> 1_700_000_005_000L + 100 * i).boxed().toList());
        assertThat(events.get(0).getAttributes()).containsEntry("captured_at_from", "realtime").containsEntry("pts_us", "0");
    }

    @Test
    void realtimeIsRefusedForALiveStreamWhichHasItsOwnPace() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VideoSources.open("rtsp://camera.local/stream",
                VideoOptions.of("cam", 0), true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--realtime");
    }
}
