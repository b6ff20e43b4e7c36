package io.visionstreams.topology;

import java.time.Duration;

/**
 * What each stream thread has spent waiting for answers since its last commit, against one budget
 * ({@link WaitBounds#perCommit}): a stream thread processes all its tasks before it commits, so under
 * exactly-once their waits add up inside one transaction. A processor that waited asks for a commit
 * ({@code ProcessorContext.commit()}); the thread's wall-clock punctuators run right before it commits
 * (Kafka Streams' loop: process, punctuate, commit), where the count starts again. One per instance,
 * shared by the stream tasks; each thread sees only its own count.
 */
final class CommitWaits {

    private final long budgetNanos;
    private final ThreadLocal<long[]> spent = ThreadLocal.withInitial(() -> new long[1]);

    CommitWaits(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    /** What the calling stream thread may still wait before its next commit. */
    long remainingNanos() {
        return Math.max(0, budgetNanos - spent.get()[0]);
    }

    void spend(long nanos) {
        spent.get()[0] += nanos;
    }

    /** Whether the calling thread waited since it last committed (a commit is then requested). */
    boolean waited() {
        return spent.get()[0] > 0;
    }

    /** Called from a punctuator: the commit the waits asked for follows it. */
    void committing() {
        spent.get()[0] = 0;
    }
}
