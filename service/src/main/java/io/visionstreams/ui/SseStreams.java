package io.visionstreams.ui;

import com.sun.net.httpserver.HttpExchange;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event streams' own threads: one per open stream, at most {@code max}; one more is refused
 * (503) rather than queued, and never runs on the threads that answer health probes.
 */
final class SseStreams implements AutoCloseable {

    private final ThreadPoolExecutor threads;

    SseStreams(int max) {
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "vision-ui-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @throws RejectedExecutionException when {@code max} streams are open */
    void start(HttpExchange exchange, Runnable stream) {
        threads.execute(stream);
    }

    int open() {
        return threads.getActiveCount();
    }

    @Override
    public void close() {
        threads.shutdownNow(); // interrupts the waiting streams, which then end their responses
    }
}
