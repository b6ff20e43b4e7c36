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
 * @param batchDeadline      how long one batch may run in the model before the model counts as hung: its frames are
 *                           handed back (kept pending, submitted again) and readiness is false until it returns
 */
public record Supervision(int pauseAfterFailures, Duration restartBackoff, Duration probeBackoff, Duration maxBackoff,
                          Duration batchDeadline) {

    /** Default for {@code vision.supervision.batch-deadline-ms}: no batch of a model that serves takes a minute. */
    public static final Duration DEFAULT_BATCH_DEADLINE = Duration.ofSeconds(60);

    public Supervision {
        if (pauseAfterFailures < 1) {
            throw new IllegalArgumentException("pauseAfterFailures must be at least 1: " + pauseAfterFailures);
        }
        if (batchDeadline.isNegative() || batchDeadline.isZero()) {
            throw new IllegalArgumentException("batchDeadline must be positive: " + batchDeadline);
        }
    }

    /** With the default batch deadline ({@link #DEFAULT_BATCH_DEADLINE}). */
    public Supervision(int pauseAfterFailures, Duration restartBackoff, Duration probeBackoff, Duration maxBackoff) {
        this(pauseAfterFailures, restartBackoff, probeBackoff, maxBackoff, DEFAULT_BATCH_DEADLINE);
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
