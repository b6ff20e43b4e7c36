package io.visionstreams.batching;

import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Triton-style dynamic batcher for one model, shared by every stream thread and task of an
 * instance: frames in ({@link #submit}), futures of per-frame results out. Worker threads (one
 * {@link Inferer} each) take up to {@code maxBatchSize} frames, waiting at most
 * {@code maxQueueDelay} after the oldest frame arrived for the batch to fill. A batch that fails
 * is retried once frame by frame; only frames that fail alone complete exceptionally (a frame
 * that failed in a batch of one is not tried again).
 */
public final class DynamicBatcher<R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);

    private record Pending<R>(RgbImage image, long enqueuedNanos, CompletableFuture<Inferred<R>> future) {}

    private final VisionModel<R> model;
    private final int maxBatchSize;
    private final long maxQueueDelayNanos;
    private final VisionMetrics metrics;
    private final BlockingQueue<Pending<R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    public DynamicBatcher(VisionModel<R> model, int maxBatchSize, Duration maxQueueDelay, int workerCount,
                          VisionMetrics metrics) {
        if (maxBatchSize < 1 || workerCount < 1) {
            throw new IllegalArgumentException("maxBatchSize and workerCount must be at least 1");
        }
        this.model = model;
        this.maxBatchSize = maxBatchSize;
        this.maxQueueDelayNanos = maxQueueDelay.toNanos();
        this.metrics = metrics;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "batcher-" + model.info().name() + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public VisionModel<R> model() {
        return model;
    }

    /** Queues a frame; the future completes on a worker thread. */
    public CompletableFuture<Inferred<R>> submit(RgbImage image) {
        CompletableFuture<Inferred<R>> future = new CompletableFuture<>();
        if (!running) {
            future.completeExceptionally(new CancellationException("batcher of " + model.info().name() + " is closed"));
            return future;
        }
        queue.add(new Pending<>(image, System.nanoTime(), future));
        if (!running) {
            failQueued(); // close() ran between the check above and the add: don't leave this frame behind
        }
        return future;
    }

    /** Whether frames submitted now will be run: not closed, and at least one worker thread alive. */
    public boolean isServing() {
        return running && workers.stream().anyMatch(Thread::isAlive);
    }

    /** Frames waiting for a worker. */
    public int queued() {
        return queue.size();
    }


    private void work() {
        List<Pending<R>> batch = new ArrayList<>(maxBatchSize);
        try (Inferer<R> inferer = model.newInferer()) {
            while (running) {
                Pending<R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
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
                    batch.add(next);
                }
                run(inferer, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("batcher worker of {} stopped", model.info().name(), e); // the thread ends here either way
        } finally {
            // a batch cut short (interrupt, Error) is not the frames' fault: cancel them, never leave them hanging
            batch.forEach(p -> p.future().completeExceptionally(
                    new CancellationException("batcher worker of " + model.info().name() + " stopped")));
            failQueued();
        }
    }

    private void run(Inferer<R> inferer, List<Pending<R>> batch) {
        long start = System.nanoTime();
        List<RgbImage> images = batch.stream().map(Pending::image).toList();
        try {
            List<R> results = inferer.infer(images);
            complete(batch, results, start, System.nanoTime());
        } catch (InferenceException | RuntimeException batchFailure) {
            if (batch.size() == 1) {
                batch.get(0).future().completeExceptionally(batchFailure); // alone already: a retry fails the same way
                return;
            }
            log.warn("{}: batch of {} failed ({}); retrying frame by frame", model.info().name(), batch.size(),
                    batchFailure.getMessage());
            for (Pending<R> p : batch) {
                long single = System.nanoTime();
                try {
                    complete(List.of(p), inferer.infer(List.of(p.image())), single, System.nanoTime());
                } catch (InferenceException | RuntimeException frameFailure) {
                    p.future().completeExceptionally(frameFailure);
                }
            }
        }
    }

    private void complete(List<Pending<R>> batch, List<R> results, long start, long end) {
        if (results.size() != batch.size()) {
            throw new IllegalStateException("model returned " + results.size() + " results for " + batch.size() + " frames");
        }
        String name = model.info().name();
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
        Pending<R> p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new CancellationException("batcher of " + model.info().name() + " closed"));
        }
    }

    /** Stops the workers after their current batch; frames still queued complete with a CancellationException. */
    @Override
    public void close() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
    }
}
