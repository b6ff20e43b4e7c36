package io.visionstreams.client.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    @Test
    void keepsEveryOtherFrameOfA10FpsStreamAt5Fps() {
        // given: 100 frames 100 ms apart, as a 10 fps file stamps them
        FrameSampler sampler = new FrameSampler(5);
        // when
        List<Integer> kept = keptIndices(sampler, 100, 100_000);
        // then
        assertThat(kept).hasSize(50);
        assertThat(kept).allMatch(i -> i % 2 == 0);
    }

    @Test
    void keepsEveryFrameAtZeroFps() {
        assertThat(keptIndices(new FrameSampler(0), 30, 33_367)).hasSize(30);
    }

    @Test
    void holdsTheAverageRateOfANtscStream() {
        // given: 29.97 fps for 100 s
        List<Integer> kept = keptIndices(new FrameSampler(10), 2997, 33_367);
        // then: 10 per second on average, never two frames in a row
        assertThat(kept).hasSizeBetween(999, 1001);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i) - kept.get(i - 1)).isBetween(2, 4);
        }
    }

    @Test
    void aGapInTheStreamDoesNotCauseABurst() {
        // given: frames every 100 ms, then nothing for 5 s, then frames again
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.keep(0)).isTrue();
        assertThat(sampler.keep(100_000)).isFalse();
        assertThat(sampler.keep(200_000)).isTrue();
        // when: the stream resumes after the gap
        boolean first = sampler.keep(5_200_000);
        boolean second = sampler.keep(5_300_000);
        boolean third = sampler.keep(5_400_000);
        // then: one frame per 200 ms again, not the ~25 slots missed
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(third).isTrue();
    }

    @Test
    void toleratesTimestampsRoundedDownByTheTimeBase() {
        // given: 15 fps stamps in microseconds, one rounded down to just before its slot
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.keep(0)).isTrue();
        assertThat(sampler.keep(66_667)).isFalse();
        assertThat(sampler.keep(133_333)).isFalse();
        assertThat(sampler.keep(199_999)).isTrue();
    }

    private static List<Integer> keptIndices(FrameSampler sampler, int frames, long stepMicros) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            if (sampler.keep(i * stepMicros)) {
                kept.add(i);
            }
        }
        return kept;
    }
}
