package io.visionstreams.client.camera;

/**
 * Keeps frames at a rate. In: each frame's time in microseconds (presentation time for files, wall
 * clock for live streams), in order. Out: keep or skip. Slot {@code k} is due at
 * {@code first + k / fps}; the first frame at or after a due slot is kept, and the next slot is the
 * one after that frame's time, so a gap in the stream never produces a burst. A tolerance of 1 ms
 * absorbs timestamps rounded from the container's time base.
 */
final class FrameSampler {

    private static final long TOLERANCE_MICROS = 1_000;

    private final double intervalMicros;
    private boolean started;
    private long origin;
    private long nextSlot;

    /** @param fps frames per second to keep; 0 keeps every frame */
    FrameSampler(double fps) {
        this.intervalMicros = fps > 0 ? 1e6 / fps : 0;
    }

    boolean keep(long micros) {
        if (intervalMicros == 0) {
            return true;
        }
        if (!started) {
            started = true;
            origin = micros;
            nextSlot = 1;
            return true;
        }
        long t = micros + TOLERANCE_MICROS - origin;
        if (t < nextSlot * intervalMicros) {
            return false;
        }
        nextSlot = (long) Math.floor(t / intervalMicros) + 1;
        return true;
    }
}
