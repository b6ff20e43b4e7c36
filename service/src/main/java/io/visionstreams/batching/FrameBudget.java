package io.visionstreams.batching;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bytes one instance holds for frames in flight, against {@code vision.batch.max-in-flight-bytes}:
 * raw input records (the consumed value and the event decoded from it, read-backs after a restore
 * included), and frames being decoded or decoded (an upper bound of the decoder's native and heap
 * copies while it runs, then the frame's pixels). Raw records are counted as they arrive ({@link #hold}:
 * they are already in memory, and at most {@code vision.batch.max-in-flight} per stream task);
 * decoding {@linkplain #tryReserve reserves} its bytes atomically before it allocates, so several
 * decode threads never pass one check together. A reservation larger than the whole budget passes
 * only when no frame bytes are reserved at all, so one huge image still decodes, alone.
 */
public final class FrameBudget {

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public FrameBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean hasRoom() {
        return held.get() < maxBytes;
    }

    /** Reserves {@code bytes} of frame memory if they fit (see the class comment); all or nothing. */
    public boolean tryReserve(long bytes) {
        synchronized (this) { // two counters changed together; contention is one call per decode
            long now = held.get();
            if (now + bytes > maxBytes && frames.get() > 0) {
                return false;
            }
            peak.accumulateAndGet(held.addAndGet(bytes), Math::max);
            frames.addAndGet(bytes);
            return true;
        }
    }

    /**
     * Waits (on a frame-pool thread, never a stream thread) until {@code bytes} are reserved; false, with nothing
     * reserved, when {@code abandon} says so first.
     */
    public boolean awaitReserve(long bytes, BooleanSupplier abandon) throws InterruptedException {
        while (!tryReserve(bytes)) {
            if (abandon.getAsBoolean()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Hands back frame bytes from {@link #tryReserve}. */
    public void unreserve(long bytes) {
        synchronized (this) {
            frames.addAndGet(-bytes);
            held.addAndGet(-bytes);
        }
    }

    /** Counts bytes already in memory (a consumed or read-back record), whether they fit or not. */
    public void hold(long bytes) {
        peak.accumulateAndGet(held.addAndGet(bytes), Math::max);
    }

    /** Frame bytes reserved now (decoding or decoded); 0 means a decode may start whatever the raw records hold. */
    public long framesReserved() {
        return frames.get();
    }

    /** The most ever held at once. */
    public long peak() {
        return peak.get();
    }

    /** Hands back bytes from {@link #hold}. */
    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    public long held() {
        return held.get();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
