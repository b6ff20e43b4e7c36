package io.visionstreams.batching;

import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Triton-style dynamic batcher for one model, shared by every stream thread and task of an
 * instance: frames in ({@link #submit}), futures of per-frame results out. Worker threads (one
 * {@link Inferer} each) take up to {@code maxBatchSize} frames, waiting at most
 * {@code maxQueueDelay} after the oldest frame arrived for the batch to fill, and run it holding one
 * of the instance's {@link InferencePermits}. Frames whose future is already done (cancelled: their
 * stream task was revoked) are skipped, not computed.
 *
 * <p>Failures: a batch that fails is retried once frame by frame; a frame that fails while the model
 * is healthy completes exceptionally (its dead letter). When every frame of a batch fails, a probe
 * frame (plain grey) tells a bad input from a broken model: if the probe fails too, the frames
 * complete with a {@link ModelUnavailableException} (never the frame's fault), and after
 * {@link Supervision#pauseAfterFailures()} such batches in a row the model is paused: every frame
 * completes with that exception at once, until a probe, retried with backoff, succeeds. A worker
 * that dies (its predictor cannot be created, an Error) is restarted with backoff and counted.
 */
public final class DynamicBatcher<R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);
    private static final RgbImage PROBE = grey(64, 64);

    private record Pending<R>(RgbImage image, long enqueuedNanos, CompletableFuture<Inferred<R>> future) {}

    private final VisionModel<R> model;
    private final String name;
    private final int maxBatchSize;
    private final long maxQueueDelayNanos;
    private final VisionMetrics metrics;
    private final InferencePermits permits;
    private final Supervision supervision;
    private final BlockingQueue<Pending<R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final AtomicInteger failedInARow = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final List<Consumer<Boolean>> pauseListeners = new CopyOnWriteArrayList<>();
    private final Object pauseLock = new Object();
    private volatile boolean running = true;
    private volatile ModelUnavailableException pausedBy;
    private volatile long nextProbeNanos;
    private Duration probeBackoff;

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
        this.maxBatchSize = maxBatchSize;
        this.maxQueueDelayNanos = maxQueueDelay.toNanos();
        this.metrics = metrics;
        this.permits = permits;
        this.supervision = supervision;
        this.probeBackoff = supervision.probeBackoff();
        metrics.liveWorkers(name);
        metrics.pausedModels(name);
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::supervise, "batcher-" + name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
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
        ModelUnavailableException paused = pausedBy;
        if (paused != null) {
            metrics.unavailableFrames(name, 1);
            future.completeExceptionally(paused);
            return future;
        }
        queue.add(new Pending<>(image, System.nanoTime(), future));
        if (!running) {
            failQueued(); // close() ran between the check above and the add: don't leave this frame behind
        }
        return future;
    }

    /** Whether frames submitted now will be run: not closed, not paused, and at least one worker alive. */
    public boolean isServing() {
        return running && pausedBy == null && liveWorkers.get() > 0;
    }

    /** Whether the model is paused after a systemic failure. */
    public boolean isPaused() {
        return pausedBy != null;
    }

    /** Called with {@code true} when the model is paused and {@code false} when it recovers, on a worker thread. */
    public void onPauseChange(Consumer<Boolean> listener) {
        pauseListeners.add(listener);
    }

    /** Frames waiting for a worker. */
    public int queued() {
        return queue.size();
    }

    /** A worker thread: runs {@link #work} with a fresh predictor, restarting it with backoff when it dies. */
    private void supervise() {
        Duration backoff = supervision.restartBackoff();
        try {
            while (running) {
                try (Inferer<R> inferer = model.newInferer()) {
                    liveWorkers.incrementAndGet();
                    metrics.liveWorkers(name).incrementAndGet();
                    try {
                        work(inferer);
                    } finally {
                        liveWorkers.decrementAndGet();
                        metrics.liveWorkers(name).decrementAndGet();
                    }
                } catch (RuntimeException | Error e) {
                    if (!running) {
                        return;
                    }
                    metrics.workerRestarted(name);
                    log.error("batcher worker {} died; restarting it in {} ms", Thread.currentThread().getName(),
                            backoff.toMillis(), e);
                    sleepWhileRunning(backoff);
                    backoff = Supervision.next(backoff, supervision.maxBackoff());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failQueued();
        }
    }

    /** Forms and runs batches until closed; returns normally only when closed. */
    private void work(Inferer<R> inferer) throws InterruptedException {
        List<Pending<R>> batch = new ArrayList<>(maxBatchSize);
        try {
            while (running) {
                if (pausedBy != null) {
                    whilePaused(inferer);
                    continue;
                }
                Pending<R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null || skipped(first)) {
                    continue;
                }
                batch.add(first);
                long deadline = first.enqueuedNanos() + maxQueueDelayNanos;
                while (batch.size() < maxBatchSize) {
                    long remaining = deadline - System.nanoTime();
                    Pending<R> next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (!skipped(next)) {
                        batch.add(next);
                    }
                }
                batch.removeIf(this::skipped); // cancelled while the batch filled
                if (!batch.isEmpty()) {
                    run(inferer, batch);
                }
                batch.clear();
            }
        } finally {
            // a batch cut short (interrupt, Error) is not the frames' fault: cancel them, never leave them hanging
            batch.forEach(p -> p.future().completeExceptionally(
                    new CancellationException("batcher worker of " + name + " stopped")));
        }
    }

    /** A frame whose future is already done (cancelled by its revoked stream task) is not computed. */
    private boolean skipped(Pending<R> p) {
        if (p.future().isDone()) {
            metrics.cancelledSkipped(name);
            return true;
        }
        return false;
    }

    private void run(Inferer<R> inferer, List<Pending<R>> batch) throws InterruptedException {
        permits.acquire();
        try {
            runHoldingPermit(inferer, batch);
        } finally {
            permits.release();
        }
    }

    private void runHoldingPermit(Inferer<R> inferer, List<Pending<R>> batch) {
        long start = System.nanoTime();
        List<RgbImage> images = batch.stream().map(Pending::image).toList();
        Map<Pending<R>, Exception> failures = new LinkedHashMap<>();
        try {
            List<R> results = inferer.infer(images);
            complete(batch, results, start, System.nanoTime());
            failedInARow.set(0);
            return;
        } catch (InferenceException | RuntimeException batchFailure) {
            if (batch.size() == 1) {
                failures.put(batch.get(0), batchFailure); // alone already: a retry fails the same way
            } else {
                log.warn("{}: batch of {} failed ({}); retrying frame by frame", name, batch.size(),
                        batchFailure.getMessage());
                for (Pending<R> p : batch) {
                    long single = System.nanoTime();
                    try {
                        complete(List.of(p), inferer.infer(List.of(p.image())), single, System.nanoTime());
                    } catch (InferenceException | RuntimeException frameFailure) {
                        failures.put(p, frameFailure);
                    }
                }
            }
        }
        Exception probeFailure = failures.size() == batch.size() ? probe(inferer) : null;
        if (probeFailure == null) { // the model works: the frames that failed are at fault
            failedInARow.set(0);
            failures.forEach((p, failure) -> p.future().completeExceptionally(failure));
            return;
        }
        int inARow = failedInARow.incrementAndGet();
        ModelUnavailableException unavailable = new ModelUnavailableException(name + " is unavailable: every frame of "
                + inARow + " batch(es) in a row failed, and so did a probe frame: " + probeFailure.getMessage(),
                probeFailure);
        metrics.unavailableFrames(name, failures.size());
        failures.keySet().forEach(p -> p.future().completeExceptionally(unavailable));
        if (inARow >= supervision.pauseAfterFailures()) {
            pause(unavailable);
        }
    }

    /** Null when the model runs the grey probe frame, else why it did not. */
    private Exception probe(Inferer<R> inferer) {
        try {
            List<R> result = inferer.infer(List.of(PROBE));
            return result.size() == 1 ? null : new IllegalStateException("model returned " + result.size()
                    + " results for 1 frame");
        } catch (InferenceException | RuntimeException e) {
            return e;
        }
    }

    private void pause(ModelUnavailableException cause) {
        synchronized (pauseLock) {
            if (pausedBy != null || !running) {
                return;
            }
            probeBackoff = supervision.probeBackoff();
            nextProbeNanos = System.nanoTime() + probeBackoff.toNanos();
            pausedBy = cause;
        }
        metrics.pausedModels(name).incrementAndGet();
        log.error("{} PAUSED: {}. Its frames stay pending (no results, no dead letters for its task) until it "
                + "recovers; probing it again in {} ms", name, cause.getMessage(), probeBackoff.toMillis(), cause);
        failQueued(cause);
        pauseListeners.forEach(l -> l.accept(true));
    }

    /** Paused: fail whatever still arrives, and probe the model when the backoff has passed (one worker at a time). */
    private void whilePaused(Inferer<R> inferer) throws InterruptedException {
        long wait = Math.max(0, Math.min(nextProbeNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        Pending<R> p = queue.poll(wait, TimeUnit.NANOSECONDS);
        ModelUnavailableException cause = pausedBy;
        if (p != null && cause != null) {
            metrics.unavailableFrames(name, 1);
            p.future().completeExceptionally(cause);
        }
        if (cause == null || System.nanoTime() < nextProbeNanos || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            Exception failure;
            permits.acquire();
            try {
                failure = probe(inferer);
            } finally {
                permits.release();
            }
            if (failure == null) {
                resume();
            } else {
                synchronized (pauseLock) {
                    probeBackoff = Supervision.next(probeBackoff, supervision.maxBackoff());
                    nextProbeNanos = System.nanoTime() + probeBackoff.toNanos();
                }
                log.warn("{} still unavailable ({}); probing again in {} ms", name, failure.getMessage(),
                        probeBackoff.toMillis());
            }
        } finally {
            probing.set(false);
        }
    }

    private void resume() {
        synchronized (pauseLock) {
            if (pausedBy == null) {
                return;
            }
            pausedBy = null;
            failedInARow.set(0);
        }
        metrics.pausedModels(name).decrementAndGet();
        log.info("{} recovered: its probe frame ran; serving frames again", name);
        pauseListeners.forEach(l -> l.accept(false));
    }

    private void complete(List<Pending<R>> batch, List<R> results, long start, long end) {
        if (results.size() != batch.size()) {
            throw new IllegalStateException("model returned " + results.size() + " results for " + batch.size() + " frames");
        }
        metrics.batchCompleted(name, batch.size(), end - start);
        double inferenceMs = (end - start) / 1e6;
        for (int i = 0; i < batch.size(); i++) {
            Pending<R> p = batch.get(i);
            metrics.queued(name, start - p.enqueuedNanos());
            BatchTiming timing = new BatchTiming((start - p.enqueuedNanos()) / 1e6, inferenceMs, batch.size());
            p.future().complete(new Inferred<>(results.get(i), timing));
        }
    }

    private void failQueued() {
        failQueued(new CancellationException("batcher of " + name + " closed"));
    }

    private void failQueued(RuntimeException reason) {
        Pending<R> p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(reason);
        }
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
        if (pausedBy != null) {
            synchronized (pauseLock) {
                if (pausedBy != null) {
                    pausedBy = null;
                    metrics.pausedModels(name).decrementAndGet();
                }
            }
        }
        return workers.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        if (!stop(Duration.ofSeconds(30))) {
            log.warn("batcher of {}: a worker is still running after 30 s", name);
        }
    }

    private void sleepWhileRunning(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
    }

    private static RgbImage grey(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        Arrays.fill(pixels, (byte) 128);
        return new RgbImage(width, height, pixels);
    }
}
