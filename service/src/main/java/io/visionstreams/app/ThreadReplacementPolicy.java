package io.visionstreams.app;

import io.visionstreams.batching.FatalErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uncaught-exception policy of the stream threads: an exception out of a stream thread replaces
 * the thread, at most {@code maxReplacements} times within {@code window}; the next one shuts the
 * client down (state ERROR), so a deterministic failure ends the instance with its reason instead of
 * looping. An {@link OutOfMemoryError} anywhere in the cause chain ({@link FatalErrors}) shuts the client down at
 * once. The first exception that shut it down is kept as {@link #fatal()}.
 */
public final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ThreadReplacementPolicy.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> replacements = new ArrayDeque<>();
    private volatile Throwable fatal;

    public ThreadReplacementPolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (FatalErrors.isFatal(exception)) { // the JVM is out of memory: a replaced thread would limp on
            if (fatal == null) {
                fatal = exception;
            }
            log.error("stream thread ran out of memory: shutting the client down (its open transactions abort; "
                    + "pending frames stay in the changelog for the next owner)", exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Instant now = clock.instant();
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(window))) {
            replacements.pollFirst();
        }
        if (replacements.size() < maxReplacements) {
            replacements.addLast(now);
            log.error("stream thread failed; replacing it ({} of at most {} replacements within {} s)",
                    replacements.size(), maxReplacements, window.toSeconds(), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        if (fatal == null) {
            fatal = exception;
        }
        log.error("stream thread failed again after {} replacements within {} s: shutting the client down", maxReplacements,
                window.toSeconds(), exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The exception that shut the client down, or null. */
    public Throwable fatal() {
        return fatal;
    }
}
