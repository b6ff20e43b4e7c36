package io.visionstreams.client.camera;

import java.time.Duration;

/** Reconnect delays: {@code min}, doubling up to {@code max}; {@link #reset()} after a success. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration delay = next;
        Duration doubled = next.isZero() ? Duration.ofMillis(1) : next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    void reset() {
        next = min;
    }
}
