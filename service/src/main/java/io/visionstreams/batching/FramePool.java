package io.visionstreams.batching;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one instance that fetch claim checks, decode images and read pending records back,
 * off the stream threads, with the instance's {@link FrameBudget}. Its queue holds at most what the
 * stream tasks have in flight (each bounded by {@code vision.batch.max-in-flight}). Daemon threads that
 * end when idle, so an instance (or a test's topology) leaves nothing running behind it.
 */
public final class FramePool {

    private final ExecutorService executor;
    private final FrameBudget budget;

    public FramePool(int threads, long maxInFlightBytes) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "frame-decode-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.budget = new FrameBudget(maxInFlightBytes);
    }

    public ExecutorService executor() {
        return executor;
    }

    public FrameBudget budget() {
        return budget;
    }
}
