package io.visionstreams.batching;

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
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised worker thread of a model (Triton's backend model instance): its own {@link Inferer},
 * recreated with backoff when it dies; it takes batches from the {@link BatchQueue} and runs each
 * holding one of the instance's {@link InferencePermits} (the rate limiter). A batch that throws
 * anything is retried frame by frame; a frame that throws anything (an {@code Error} included) while
 * the model is healthy completes with that Throwable (its dead letter) and the other frames get their
 * results. When every frame failed, a probe frame tells a bad input from a broken model
 * ({@link ModelHealth}). A JVM-wide {@link OutOfMemoryError} ({@link FatalErrors}) completes the
 * batch's frames with it, which stops the stream threads waiting for them.
 */
final class ModelInstance<R> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ModelInstance.class);
    private static final RgbImage PROBE = grey(64, 64);

    private final VisionModel<R> model;
    private final String name;
    private final BatchQueue<R> queue;
    private final ModelHealth health;
    private final InferencePermits permits;
    private final Supervision supervision;
    private final VisionMetrics metrics;
    private final BooleanSupplier running;
    private final Runnable onLive;
    private final Runnable onDead;

    ModelInstance(VisionModel<R> model, BatchQueue<R> queue, ModelHealth health, InferencePermits permits,
                  Supervision supervision, VisionMetrics metrics, BooleanSupplier running, Runnable onLive,
                  Runnable onDead) {
        this.model = model;
        this.name = model.info().name();
        this.queue = queue;
        this.health = health;
        this.permits = permits;
        this.supervision = supervision;
        this.metrics = metrics;
        this.running = running;
        this.onLive = onLive;
        this.onDead = onDead;
    }

    /** Runs {@link #work} with a fresh predictor, restarting it with backoff when it dies. */
    @Override
    public void run() {
        Duration backoff = supervision.restartBackoff();
        try {
            while (running.getAsBoolean()) {
                try (Inferer<R> inferer = model.newInferer()) {
                    onLive.run();
                    try {
                        work(inferer);
                    } finally {
                        onDead.run();
                    }
                } catch (RuntimeException | Error e) {
                    if (!running.getAsBoolean()) {
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
        }
    }

    private void work(Inferer<R> inferer) throws InterruptedException {
        List<BatchQueue.Pending<R>> batch = new ArrayList<>();
        try {
            while (running.getAsBoolean()) {
                if (health.pausedBy() != null) {
                    whilePaused(inferer);
                    continue;
                }
                queue.nextBatch(batch, 100);
                if (!batch.isEmpty()) {
                    permits.acquire();
                    try {
                        runBatch(inferer, batch);
                    } finally {
                        permits.release();
                    }
                }
                batch.clear();
            }
        } finally {
            // a batch cut short (interrupt, a dying predictor) is not the frames' fault: their tasks submit them again
            batch.forEach(p -> p.future().completeExceptionally(
                    new CancellationException("batcher worker of " + name + " stopped")));
        }
    }

    private void runBatch(Inferer<R> inferer, List<BatchQueue.Pending<R>> batch) {
        health.batchStarted(batch);
        try {
            runWatched(inferer, batch);
        } finally {
            health.batchEnded();
        }
    }

    private void runWatched(Inferer<R> inferer, List<BatchQueue.Pending<R>> batch) {
        long start = System.nanoTime();
        Map<BatchQueue.Pending<R>, Throwable> failures = new LinkedHashMap<>();
        try {
            complete(batch, inferer.infer(batch.stream().map(BatchQueue.Pending::image).toList()), start);
            health.batchSucceeded();
            return;
        } catch (Throwable batchFailure) {
            if (FatalErrors.isFatal(batchFailure)) {
                failAll(batch, batchFailure);
                return;
            }
            if (batch.size() == 1) {
                failures.put(batch.get(0), batchFailure); // alone already: a retry fails the same way
            } else {
                log.warn("{}: batch of {} failed ({}); retrying frame by frame", name, batch.size(),
                        batchFailure.toString());
                for (BatchQueue.Pending<R> p : batch) {
                    try {
                        complete(List.of(p), inferer.infer(List.of(p.image())), System.nanoTime());
                    } catch (Throwable frameFailure) {
                        if (FatalErrors.isFatal(frameFailure)) {
                            failAll(batch, frameFailure);
                            return;
                        }
                        failures.put(p, frameFailure);
                    }
                }
            }
        }
        Throwable probeFailure = failures.size() == batch.size() ? probe(inferer) : null;
        if (probeFailure == null) { // the model works: the frames that failed are at fault
            health.batchSucceeded();
            failures.forEach((p, failure) -> p.future().completeExceptionally(failure));
            return;
        }
        boolean pauseNow = health.batchFailed();
        ModelUnavailableException unavailable = new ModelUnavailableException(name + " is unavailable: every frame of "
                + health.failedInARow() + " batch(es) in a row failed, and so did a probe frame: "
                + probeFailure.getMessage(), probeFailure);
        metrics.unavailableFrames(name, failures.size());
        boolean paused = pauseNow && health.pause(unavailable, running.getAsBoolean()); // before the frames learn of it
        failures.keySet().forEach(p -> p.future().completeExceptionally(unavailable));
        if (paused) {
            queue.drain().forEach(p -> p.future().completeExceptionally(unavailable));
        }
    }

    private static <R> void failAll(List<BatchQueue.Pending<R>> batch, Throwable fatal) {
        batch.forEach(p -> p.future().completeExceptionally(fatal));
    }

    /** Null when the model runs the grey probe frame, else why it did not. */
    private Throwable probe(Inferer<R> inferer) {
        try {
            List<R> result = inferer.infer(List.of(PROBE));
            return result.size() == 1 ? null : new IllegalStateException("model returned " + result.size()
                    + " results for 1 frame");
        } catch (Throwable e) {
            return e;
        }
    }

    /** Paused: refuse whatever still arrives, and probe the model when the backoff has passed (one worker at a time). */
    private void whilePaused(Inferer<R> inferer) throws InterruptedException {
        long wait = Math.max(0, Math.min(health.nanosToProbe(), 100_000_000L));
        BatchQueue.Pending<R> p = queue.poll(wait, java.util.concurrent.TimeUnit.NANOSECONDS);
        ModelUnavailableException cause = health.pausedBy();
        if (p != null && cause != null) {
            metrics.unavailableFrames(name, 1);
            p.future().completeExceptionally(cause);
        } else if (p != null) {
            queue.add(p); // resumed meanwhile: the frame is served
        }
        if (!health.startProbe()) {
            return;
        }
        Throwable failure;
        permits.acquire();
        try {
            failure = probe(inferer);
        } finally {
            permits.release();
        }
        health.probeEnded(failure);
    }

    private void complete(List<BatchQueue.Pending<R>> batch, List<R> results, long start) {
        long end = System.nanoTime();
        if (results.size() != batch.size()) {
            throw new IllegalStateException("model returned " + results.size() + " results for " + batch.size() + " frames");
        }
        metrics.batchCompleted(name, batch.size(), end - start);
        double inferenceMs = (end - start) / 1e6;
        for (int i = 0; i < batch.size(); i++) {
            BatchQueue.Pending<R> p = batch.get(i);
            metrics.queued(name, start - p.enqueuedNanos());
            BatchTiming timing = new BatchTiming((start - p.enqueuedNanos()) / 1e6, inferenceMs, batch.size());
            p.future().complete(new Inferred<>(results.get(i), timing));
        }
    }

    private void sleepWhileRunning(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (running.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private static RgbImage grey(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        Arrays.fill(pixels, (byte) 128);
        return new RgbImage(width, height, pixels);
    }
}
