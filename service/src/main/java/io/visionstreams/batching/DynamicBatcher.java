package io.visionstreams.batching;

import io.visionstreams.inference.VisionModel;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Triton-style dynamic batcher for one model, shared by every stream thread and task of an
 * instance: frames in ({@link #submit}), futures of per-frame results out. Three parts, as Triton
 * keeps its scheduler, model instances and rate limiter apart: the {@link BatchQueue} cuts batches
 * (up to {@code maxBatchSize} frames, waiting at most {@code maxQueueDelay}); {@code workerCount}
 * supervised {@link ModelInstance}s run them, each holding one of the instance's
 * {@link InferencePermits}; {@link ModelHealth} decides whether the model serves (paused after
 * {@link Supervision#pauseAfterFailures()} batches in a row failed with their probe frame, until a
 * probe succeeds; hung while a batch runs past {@link Supervision#batchDeadline()}, checked by a
 * watchdog thread). A frame's future completes with its result, with the Throwable it alone caused
 * (its dead letter), with a {@link ModelUnavailableException} (paused or hung: kept pending, submitted
 * again), or with a {@link CancellationException} (stopped, or its batch cut short).
 */
public final class DynamicBatcher<R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);

    private final VisionModel<R> model;
    private final String name;
    private final VisionMetrics metrics;
    private final BatchQueue<R> queue;
    private final ModelHealth health;
    private final List<Thread> workers = new ArrayList<>();
    private final Thread watchdog;
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private volatile boolean running = true;

    /** Unsupervised defaults ({@link Supervision#defaults()}) and no shared inference budget. */
    public DynamicBatcher(VisionModel<R> model, int maxBatchSize, Duration maxQueueDelay, int workerCount,
                          VisionMetrics metrics) {
        this(model, maxBatchSize, maxQueueDelay, workerCount, metrics, InferencePermits.unlimited(),
                Supervision.defaults());
    }

    public DynamicBatcher(VisionModel<R> model, int maxBatchSize, Duration maxQueueDelay, int workerCount,
                          VisionMetrics metrics, InferencePermits permits, Supervision supervision) {
        if (maxBatchSize < 1 || workerCount < 1) {
            throw new IllegalArgumentException("maxBatchSize and workerCount must be at least 1");
        }
        this.model = model;
        this.name = model.info().name();
        this.metrics = metrics;
        this.queue = new BatchQueue<>(maxBatchSize, maxQueueDelay.toNanos(), () -> metrics.cancelledSkipped(name));
        this.health = new ModelHealth(name, supervision, metrics);
        metrics.liveWorkers(name);
        for (int i = 0; i < workerCount; i++) {
            ModelInstance<R> instance = new ModelInstance<>(model, queue, health, permits, supervision, metrics,
                    () -> running, this::workerLive, this::workerDead);
            Thread worker = new Thread(() -> {
                try {
                    instance.run();
                } finally {
                    failQueued(); // the last worker out leaves no frame behind
                }
            }, "batcher-" + name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long checkEvery = Math.max(10, Math.min(1000, supervision.batchDeadline().toMillis() / 4));
        this.watchdog = new Thread(() -> watch(checkEvery), "batcher-" + name + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public VisionModel<R> model() {
        return model;
    }

    /** Queues a frame; the future completes on a worker thread (at once while the model is paused). */
    public CompletableFuture<Inferred<R>> submit(RgbImage image) {
        CompletableFuture<Inferred<R>> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new CancellationException("batcher of " + name + " is closed"));
            return future;
        }
        ModelUnavailableException paused = health.pausedBy();
        if (paused != null) {
            metrics.unavailableFrames(name, 1);
            future.completeExceptionally(paused);
            return future;
        }
        queue.add(new BatchQueue.Pending<>(image, System.nanoTime(), future));
        if (!running) {
            failQueued(); // close() ran between the check above and the add: don't leave this frame behind
        }
        return future;
    }

    /** Whether frames submitted now will be run: not closed, not paused, not hung, and at least one worker alive. */
    public boolean isServing() {
        return running && health.pausedBy() == null && !health.isHung() && liveWorkers.get() > 0;
    }

    /** Whether {@link #stop} or {@link #close} ran: nothing submitted now will be run. */
    public boolean isClosed() {
        return !running;
    }

    /** Whether the model is paused after a systemic failure. */
    public boolean isPaused() {
        return health.pausedBy() != null;
    }

    /** Whether a batch has run past the inference deadline and not returned yet. */
    public boolean isHung() {
        return health.isHung();
    }

    /** Called with {@code true} when the model is paused and {@code false} when it recovers, on a worker thread. */
    public void onPauseChange(Consumer<Boolean> listener) {
        health.onPauseChange(listener);
    }

    /** Frames waiting for a worker. */
    public int queued() {
        return queue.size();
    }

    private void workerLive() {
        liveWorkers.incrementAndGet();
        metrics.liveWorkers(name).incrementAndGet();
    }

    private void workerDead() {
        liveWorkers.decrementAndGet();
        metrics.liveWorkers(name).decrementAndGet();
    }

    private void watch(long everyMillis) {
        while (running) {
            health.checkDeadline();
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void failQueued() {
        CancellationException closed = new CancellationException("batcher of " + name + " closed");
        queue.drain().forEach(p -> p.future().completeExceptionally(closed));
    }

    /**
     * Stops the workers after their current batch and waits for them; frames still queued complete with a
     * CancellationException.
     *
     * @return whether every worker thread has ended (only then may the model be closed: closing it under a running
     *         batch crashes the native engine)
     */
    public boolean stop(Duration timeout) {
        running = false;
        watchdog.interrupt();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
        health.stopped();
        return workers.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        if (!stop(Duration.ofSeconds(30))) {
            log.warn("batcher of {}: a worker is still running after 30 s", name);
        }
    }
}
