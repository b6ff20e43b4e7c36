package io.visionstreams.batching;

import java.util.concurrent.Semaphore;

/**
 * One instance's inference thread budget, shared by the batchers of every enabled model: a worker
 * holds a permit while its batch runs in the model, so at most {@link #limit()} batches run at once,
 * whatever the number of models and workers (three tasks with one worker per core each would
 * otherwise run three inference threads per core). Fair: waiting workers get permits in arrival order,
 * so a model with slow batches cannot starve the others.
 */
public final class InferencePermits {

    private final Semaphore semaphore;
    private final int limit;

    private InferencePermits(int limit) {
        this.limit = limit;
        this.semaphore = limit > 0 ? new Semaphore(limit, true) : null;
    }

    /** At most {@code limit} batches in a model at once (at least 1). */
    public static InferencePermits of(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("an inference budget needs at least one permit: " + limit);
        }
        return new InferencePermits(limit);
    }

    /** No budget: every worker of every model runs whenever it has a batch. */
    public static InferencePermits unlimited() {
        return new InferencePermits(0);
    }

    /** The number of permits, or 0 when unlimited. */
    public int limit() {
        return limit;
    }

    void acquire() throws InterruptedException {
        if (semaphore != null) {
            semaphore.acquire();
        }
    }

    void release() {
        if (semaphore != null) {
            semaphore.release();
        }
    }
}
