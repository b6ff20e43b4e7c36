package io.visionstreams.app;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The uncaught-exception policy: a bounded number of thread replacements per window, then the client shuts down. */
class ThreadReplacementPolicyTest {

    /** Time that moves only when the test says so. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void replacesAFailedThreadThreeTimesWithinTheWindowThenShutsTheClientDownWithTheReason() {
        ManualClock clock = new ManualClock();
        ThreadReplacementPolicy policy = new ThreadReplacementPolicy(3, Duration.ofMinutes(10), clock);
        RuntimeException deterministic = new IllegalStateException("fails every time");
        // when the same failure repeats within the window
        for (int i = 0; i < 3; i++) {
            assertThat(policy.handle(deterministic)).isEqualTo(REPLACE_THREAD);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(policy.fatal()).isNull();
        // then the fourth shuts the client down and is kept as the reason
        assertThat(policy.handle(deterministic)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.fatal()).isSameAs(deterministic);
    }

    @Test
    void forgetsReplacementsOlderThanTheWindow() {
        ManualClock clock = new ManualClock();
        ThreadReplacementPolicy policy = new ThreadReplacementPolicy(1, Duration.ofMinutes(10), clock);
        assertThat(policy.handle(new IllegalStateException("once"))).isEqualTo(REPLACE_THREAD);
        // when the next failure comes after the window
        clock.advance(Duration.ofMinutes(11));
        // then it is replaced again
        assertThat(policy.handle(new IllegalStateException("again, much later"))).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(new IllegalStateException("right after"))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shutsTheClientDownAtOnceWhenAStreamThreadRanOutOfMemoryButNotForAnotherError() {
        ThreadReplacementPolicy policy = new ThreadReplacementPolicy(3, Duration.ofMinutes(10), new ManualClock());
        // a StackOverflowError (one input's) is replaced like any failure
        assertThat(policy.handle(new org.apache.kafka.streams.errors.StreamsException(new StackOverflowError())))
                .isEqualTo(REPLACE_THREAD);
        // an OutOfMemoryError of the heap, wrapped as the stream thread reports it, is not
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThat(policy.handle(new org.apache.kafka.streams.errors.StreamsException("decoding", oom)))
                .isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.fatal()).hasRootCause(oom);
    }
}
