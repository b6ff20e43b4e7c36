package io.visionstreams.client.camera;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.SourceCounts;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A video file paced at its own frame rate, as {@code ffmpeg -re} reads its input: each event is
 * handed out no sooner than its presentation time after the first one's, counted from when the first
 * was handed out. A file then behaves like a camera, captured_at included: the wall-clock time the
 * frame is due (the first frame's hand-out time plus its presentation time), with attribute
 * {@code captured_at_from=realtime}; the file's own time stays in {@code pts_us}.
 */
public final class RealtimeEvents implements EventSource {

    /** Waits the given nanoseconds (tests pass one that only advances their clock). */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final EventSource inner;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long firstCapturedMs = Long.MIN_VALUE;
    private long startNanos;
    private long startWallMs;

    private final LongSupplier wallClockMs;

    public RealtimeEvents(EventSource inner) {
        this(inner, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
                System::currentTimeMillis);
    }

    public RealtimeEvents(EventSource inner, LongSupplier nanoClock, Sleeper sleeper, LongSupplier wallClockMs) {
        this.inner = inner;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.wallClockMs = wallClockMs;
    }

    @Override
    public ImageEvent next() throws IOException, InterruptedException {
        ImageEvent event = inner.next();
        if (event == null) {
            return null;
        }
        long captured = event.getCapturedAt().toEpochMilli();
        if (firstCapturedMs == Long.MIN_VALUE) {
            firstCapturedMs = captured;
            startNanos = nanoClock.getAsLong();
            startWallMs = wallClockMs.getAsLong();
        }
        long wait = startNanos + (captured - firstCapturedMs) * 1_000_000 - nanoClock.getAsLong();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        Map<String, String> attributes = new HashMap<>(event.getAttributes());
        attributes.put("captured_at_from", "realtime");
        event.setAttributes(attributes);
        event.setCapturedAt(Instant.ofEpochMilli(startWallMs + captured - firstCapturedMs));
        return event;
    }

    @Override
    public SourceCounts counts() {
        return inner.counts();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
