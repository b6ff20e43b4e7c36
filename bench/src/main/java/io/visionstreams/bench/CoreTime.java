package io.visionstreams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Core-milliseconds of work on the calling thread (its CPU time, so other processes on a busy
 * machine do not inflate it), per call of a step repeated for about a given wall time.
 */
public final class CoreTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One step of work. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private CoreTime() {}

    /** Runs {@code step} once to warm up, then for at least {@code duration} (and 3 calls); core-ms per call. */
    public static double perCall(Step step, Duration duration) throws Exception {
        step.run();
        long cpu = now();
        long end = System.nanoTime() + duration.toNanos();
        int calls = 0;
        do {
            step.run();
            calls++;
        } while (System.nanoTime() < end || calls < 3);
        return (now() - cpu) / 1e6 / calls;
    }

    /** CPU time of the calling thread in nanoseconds. */
    public static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
