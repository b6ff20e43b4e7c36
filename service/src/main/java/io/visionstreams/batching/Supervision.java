package io.visionstreams.batching;

import java.time.Duration;

/**
 * How a {@link DynamicBatcher} watches over its model.
 *
 * @param pauseAfterFailures consecutive batches in which every frame failed and the model also failed
 *                           its probe frame, after which the model is paused
 * @param restartBackoff     first wait before a dead worker is restarted (doubling, up to {@code maxBackoff})
 * @param probeBackoff       first wait before a paused model is probed again (doubling, up to {@code maxBackoff})
 * @param maxBackoff         the longest of those waits
 */
public record Supervision(int pauseAfterFailures, Duration restartBackoff, Duration probeBackoff, Duration maxBackoff) {

    public Supervision {
        if (pauseAfterFailures < 1) {
            throw new IllegalArgumentException("pauseAfterFailures must be at least 1: " + pauseAfterFailures);
        }
    }

    /** 3 failures; restarts from 100 ms, probes from 1 s, both up to 30 s. */
    public static Supervision defaults() {
        return new Supervision(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    static Duration next(Duration current, Duration max) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
