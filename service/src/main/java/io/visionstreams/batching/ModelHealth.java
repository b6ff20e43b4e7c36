package io.visionstreams.batching;

import io.visionstreams.ops.VisionMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one model serves (Triton's model health, apart from its batching and its instances):
 * consecutive batches that failed whole together with a probe frame, the pause they lead to and the
 * probes that end it (with backoff), and the batches running now against the per-batch inference
 * deadline ({@link Supervision#batchDeadline()}): a batch past it is a hung model, which makes the
 * model not serving (readiness 503) and sets {@code vision.model.hung} until it returns. Thread-safe.
 */
final class ModelHealth {

    private static final Logger log = LoggerFactory.getLogger(ModelHealth.class);

    /** A batch running in the model: since when, and its frames. */
    record Running(long startNanos, List<? extends BatchQueue.Pending<?>> batch) {}

    private final String name;
    private final Supervision supervision;
    private final VisionMetrics metrics;
    private final AtomicInteger failedInARow = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final List<Consumer<Boolean>> pauseListeners = new CopyOnWriteArrayList<>();
    private final Map<Thread, Running> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile ModelUnavailableException pausedBy;
    private volatile boolean hung;
    private long nextProbeNanos;
    private Duration probeBackoff;

    ModelHealth(String name, Supervision supervision, VisionMetrics metrics) {
        this.name = name;
        this.supervision = supervision;
        this.metrics = metrics;
        this.probeBackoff = supervision.probeBackoff();
        metrics.pausedModels(name);
        metrics.hungModels(name);
    }

    ModelUnavailableException pausedBy() {
        return pausedBy;
    }

    boolean isHung() {
        return hung;
    }

    void onPauseChange(Consumer<Boolean> listener) {
        pauseListeners.add(listener);
    }

    void batchSucceeded() {
        failedInARow.set(0);
    }

    /** Every frame of a batch failed and so did the probe: true when the model is to be paused now. */
    boolean batchFailed() {
        return failedInARow.incrementAndGet() >= supervision.pauseAfterFailures();
    }

    int failedInARow() {
        return failedInARow.get();
    }

    /** True when this call paused the model (the caller fails its queue and tells the listeners). */
    boolean pause(ModelUnavailableException cause, boolean stillRunning) {
        synchronized (lock) {
            if (pausedBy != null || !stillRunning) {
                return false;
            }
            probeBackoff = supervision.probeBackoff();
            nextProbeNanos = System.nanoTime() + probeBackoff.toNanos();
            pausedBy = cause;
        }
        metrics.pausedModels(name).incrementAndGet();
        log.error("{} PAUSED: {}. Its frames stay pending (no results, no dead letters for its task) until it "
                + "recovers; probing it again in {} ms", name, cause.getMessage(), probeBackoff.toMillis(), cause);
        pauseListeners.forEach(l -> l.accept(true));
        return true;
    }

    /** How long a paused worker may wait for frames before it is time to probe. */
    long nanosToProbe() {
        synchronized (lock) {
            return nextProbeNanos - System.nanoTime();
        }
    }

    /** One worker at a time probes a paused model once its backoff passed: true for the caller that may. */
    boolean startProbe() {
        return pausedBy != null && nanosToProbe() <= 0 && probing.compareAndSet(false, true);
    }

    void probeEnded(Throwable failure) {
        try {
            if (failure == null) {
                resume();
                return;
            }
            synchronized (lock) {
                probeBackoff = Supervision.next(probeBackoff, supervision.maxBackoff());
                nextProbeNanos = System.nanoTime() + probeBackoff.toNanos();
            }
            log.warn("{} still unavailable ({}); probing again in {} ms", name, failure.getMessage(),
                    probeBackoff.toMillis());
        } finally {
            probing.set(false);
        }
    }

    private void resume() {
        synchronized (lock) {
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

    void batchStarted(List<? extends BatchQueue.Pending<?>> batch) {
        running.put(Thread.currentThread(), new Running(System.nanoTime(), batch));
    }

    void batchEnded() {
        running.remove(Thread.currentThread());
    }

    /**
     * Called by the batcher's watchdog: the frames of batches past the deadline complete with a
     * {@link ModelUnavailableException} (their tasks keep them pending and submit them again once the model
     * serves); the model counts as hung while any such batch has not returned.
     */
    void checkDeadline() {
        long now = System.nanoTime();
        long deadline = supervision.batchDeadline().toNanos();
        boolean anyOverdue = false;
        for (Map.Entry<Thread, Running> r : running.entrySet()) {
            if (now - r.getValue().startNanos() <= deadline) {
                continue;
            }
            anyOverdue = true;
            ModelUnavailableException hungCause = new ModelUnavailableException(name + ": a batch of "
                    + r.getValue().batch().size() + " frames has not returned within the inference deadline of "
                    + supervision.batchDeadline().toMillis() + " ms (" + r.getKey().getName() + ")", null);
            r.getValue().batch().forEach(p -> p.future().completeExceptionally(hungCause));
        }
        if (anyOverdue != hung) {
            hung = anyOverdue;
            metrics.hungModels(name).set(anyOverdue ? 1 : 0);
            if (anyOverdue) {
                log.error("{} HUNG: a batch has run past vision.supervision.batch-deadline-ms={} ms; readiness is "
                        + "false until it returns", name, supervision.batchDeadline().toMillis());
            } else {
                log.info("{}: the overdue batch returned; no batch is past its deadline", name);
            }
        }
    }

    /** The batcher stopped: a pause ends with it. */
    void stopped() {
        synchronized (lock) {
            if (pausedBy == null) {
                return;
            }
            pausedBy = null;
        }
        metrics.pausedModels(name).decrementAndGet();
    }
}
