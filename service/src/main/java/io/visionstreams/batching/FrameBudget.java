package io.visionstreams.batching;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bytes of decoded frames one instance holds (width x height x 3 per frame), against
 * {@code vision.batch.max-in-flight-bytes}. A decode starts only while the instance is under its
 * budget, so it is exceeded by at most the frames being decoded at once (one per decode thread);
 * one frame larger than the whole budget still passes when nothing else is held.
 */
public final class FrameBudget {

    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();

    public FrameBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean hasRoom() {
        return held.get() < maxBytes;
    }

    /** Waits (on a frame-pool thread, never a stream thread) until there is room or {@code abandon} says so. */
    public void awaitRoom(BooleanSupplier abandon) throws InterruptedException {
        while (!hasRoom() && !abandon.getAsBoolean()) {
            Thread.sleep(5);
        }
    }

    public void hold(long bytes) {
        held.addAndGet(bytes);
    }

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
