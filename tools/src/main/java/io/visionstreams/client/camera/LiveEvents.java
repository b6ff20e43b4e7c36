package io.visionstreams.client.camera;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.SourceCounts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream as events. A grabber thread reads frames, samples them by wall clock, encodes the
 * kept ones and puts them in a bounded queue; {@link #next()} takes from it. When the sender falls
 * behind and the queue is full, the oldest frame is dropped (counted, logged at most every 5 s).
 * A stream that breaks, ends, or sends no frame for the stall time-out is re-opened after a backoff
 * (doubling, reset once a frame arrives), for as long as the source is open. event_id =
 * {@code <source-id>/<capture time in microseconds since the epoch>} (strictly increasing), so ids
 * stay unique across reconnects and restarts; captured_at = the wall clock when the frame was read.
 */
final class LiveEvents implements EventSource {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    private static final long DROP_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final FrameSource source;
    private final VideoOptions options;
    private final BlockingQueue<ImageEvent> queue;
    private final Thread grabber;
    private final Thread watchdog;
    private final AtomicLong framesRead = new AtomicLong();
    private final AtomicLong sampledOut = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean reading;
    private volatile long lastFrameNanos = System.nanoTime();
    private long lastDropLog = System.nanoTime() - DROP_LOG_EVERY_NANOS;
    private long droppedSinceLog;
    private long lastIdMicros;

    /** Opens the stream once here (a source that cannot be reached at all fails now), then reads on its own thread. */
    LiveEvents(FrameSource source, VideoOptions options) throws IOException {
        source.open();
        log.info("{}: connected", source.describe());
        this.source = source;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.buffer());
        this.grabber = new Thread(this::grabLoop, "camera-" + options.sourceId());
        this.watchdog = new Thread(this::watchLoop, "camera-watchdog-" + options.sourceId());
        grabber.setDaemon(true);
        watchdog.setDaemon(true);
        grabber.start();
        watchdog.start();
    }

    /** The oldest queued frame; once closed, what is still queued, then null. */
    @Override
    public ImageEvent next() throws InterruptedException {
        while (true) {
            boolean wasClosed = closed;
            ImageEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                return event;
            }
            if (wasClosed) {
                return null;
            }
        }
    }

    @Override
    public SourceCounts counts() {
        return new SourceCounts(framesRead.get(), sampledOut.get(), dropped.get(), reconnects.get());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        source.abort();
        watchdog.interrupt();
        grabber.interrupt();
        try {
            grabber.join(options.stallTimeout().plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (grabber.isAlive()) {
            log.warn("{}: the grabber thread did not stop within the stall time-out", source.describe());
        }
    }

    private void grabLoop() {
        FrameSampler sampler = new FrameSampler(options.fps());
        Backoff backoff = new Backoff(options.reconnectMin(), options.reconnectMax());
        boolean opened = true; // by the constructor
        while (!closed) {
            try {
                lastFrameNanos = System.nanoTime();
                reading = true;
                if (!opened) {
                    reconnects.incrementAndGet();
                    source.open();
                    log.info("{}: reconnected", source.describe());
                }
                opened = false;
                GrabbedFrame frame;
                while (!closed && (frame = source.next()) != null) {
                    lastFrameNanos = System.nanoTime();
                    framesRead.incrementAndGet();
                    backoff.reset();
                    take(frame, sampler);
                }
                if (!closed) {
                    log.warn("{}: stream ended", source.describe());
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.warn("{}: stream broken: {}", source.describe(), e.toString());
                }
            } finally {
                reading = false;
                opened = false;
                source.close();
            }
            if (!closed) {
                Duration delay = backoff.next();
                log.info("{}: reconnecting in {} ms", source.describe(), delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    return; // closed
                }
            }
        }
    }

    /** Samples, encodes and queues one frame; a frame that does not encode is logged and skipped. */
    private void take(GrabbedFrame frame, FrameSampler sampler) {
        Instant now = Instant.now();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        if (!sampler.keep(micros)) {
            sampledOut.incrementAndGet();
            return;
        }
        byte[] jpeg;
        try {
            jpeg = frame.jpeg(options.jpegQuality());
        } catch (IOException e) {
            log.warn("{}: frame {} skipped: {}", source.describe(), framesRead.get(), e.getMessage());
            return;
        }
        long idMicros = Math.max(micros, lastIdMicros + 1);
        lastIdMicros = idMicros;
        ImageEvent event = FrameEvents.event(options.sourceId() + "/" + idMicros, options, now, jpeg,
                "stream", source.describe(), "captured_at_from", "wall_clock");
        while (!queue.offer(event)) {
            ImageEvent oldest = queue.poll();
            if (oldest != null) {
                dropped(oldest);
            }
        }
    }

    private void dropped(ImageEvent oldest) {
        dropped.incrementAndGet();
        droppedSinceLog++;
        long now = System.nanoTime();
        if (now - lastDropLog >= DROP_LOG_EVERY_NANOS) {
            log.warn("{}: sender behind, dropped {} oldest frame(s) (latest {}; {} dropped in all)", source.describe(),
                    droppedSinceLog, oldest.getEventId(), dropped.get());
            lastDropLog = now;
            droppedSinceLog = 0;
        }
    }

    /** Aborts a read that has waited longer than the stall time-out for a frame. */
    private void watchLoop() {
        long stall = options.stallTimeout().toNanos();
        while (!closed) {
            try {
                Thread.sleep(Math.max(10, Math.min(1000, stall / 4_000_000)));
            } catch (InterruptedException e) {
                return;
            }
            if (reading && System.nanoTime() - lastFrameNanos > stall) {
                log.warn("{}: no frame for {} ms, reconnecting", source.describe(), options.stallTimeout().toMillis());
                lastFrameNanos = System.nanoTime();
                source.abort();
            }
        }
    }
}
