package io.visionstreams.batching;

import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One model's queue of frames and how batches are cut from it (Triton's dynamic batch scheduler): a
 * batch is up to {@code maxBatchSize} frames, waiting at most {@code maxQueueDelay} after its oldest
 * frame arrived for more. Frames whose future is already done (cancelled: their stream task was
 * revoked) are dropped, not computed. Thread-safe.
 */
final class BatchQueue<R> {

    /** A queued frame and the future its worker completes. */
    record Pending<R>(RgbImage image, long enqueuedNanos, CompletableFuture<Inferred<R>> future) {}

    private final BlockingQueue<Pending<R>> queue = new LinkedBlockingQueue<>();
    private final int maxBatchSize;
    private final long maxQueueDelayNanos;
    private final Runnable onSkipped;

    BatchQueue(int maxBatchSize, long maxQueueDelayNanos, Runnable onSkipped) {
        this.maxBatchSize = maxBatchSize;
        this.maxQueueDelayNanos = maxQueueDelayNanos;
        this.onSkipped = onSkipped;
    }

    void add(Pending<R> p) {
        queue.add(p);
    }

    int size() {
        return queue.size();
    }

    Pending<R> poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** The next batch, into {@code batch}: empty when no frame arrived within {@code idleMillis}. */
    void nextBatch(List<Pending<R>> batch, long idleMillis) throws InterruptedException {
        Pending<R> first = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
        if (first == null || skipped(first)) {
            return;
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
    }

    /** Completes every queued frame's future with {@code reason}. */
    List<Pending<R>> drain() {
        List<Pending<R>> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    private boolean skipped(Pending<R> p) {
        if (p.future().isDone()) {
            onSkipped.run();
            return true;
        }
        return false;
    }
}
