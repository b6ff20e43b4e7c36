package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains an {@link EventSource} into a topic. In: events, one at a time. Out: asynchronous,
 * idempotent sends with at most {@code maxInFlight} unacknowledged (the source waits, or a live
 * source drops its oldest frames, when the broker is slower); a failed send is logged with the
 * event_id (and so the frame) it concerns; a progress line every {@code progressEvery}; a
 * {@link Summary} at the end. Stops at the source's end (close the source to end it early), after
 * {@code maxEvents}, or as soon as a send times out or is refused for want of a topic or of
 * authorization before any send has succeeded (every other send would wait and fail the same way).
 */
public final class EventPump {

    private static final Logger log = LoggerFactory.getLogger(EventPump.class);
    private static final int MAX_ERRORS_KEPT = 10;

    private final ImageEventProducer producer;
    private final int maxInFlight;
    private final long maxEvents;
    private final PrintWriter console;
    private final Duration progressEvery;
    private final Semaphore inFlight;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private volatile boolean unreachable;

    /**
     * @param maxEvents     stop after this many events (0: no limit)
     * @param console       where the progress lines go
     */
    public EventPump(ImageEventProducer producer, int maxInFlight, long maxEvents, PrintWriter console,
            Duration progressEvery) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight must be at least 1, got " + maxInFlight);
        }
        this.producer = producer;
        this.maxInFlight = maxInFlight;
        this.maxEvents = maxEvents;
        this.console = console;
        this.progressEvery = progressEvery;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * What a run did.
     *
     * @param sent    events handed to the producer
     * @param acked   of those, acknowledged by the broker
     * @param failed  of those, failed (logged with their event_id; the first few kept in {@code errors})
     */
    public record Summary(long sent, long acked, long failed, SourceCounts source, double seconds, List<String> errors) {

        public String line(String topic) {
            return String.format(Locale.ROOT,
                    "sent %d image events to %s in %.1f s (%d acknowledged, %d failed; frames read %d, sampled out %d,"
                            + " dropped %d, reconnects %d)",
                    sent, topic, seconds, acked, failed, source.framesRead(), source.sampledOut(), source.dropped(),
                    source.reconnects());
        }
    }

    /** Sends every event of {@code source} (calling {@code onSend} with each first) and waits for the broker. */
    public Summary run(EventSource source, Consumer<ImageEvent> onSend) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long nextProgress = start + progressEvery.toNanos();
        long sent = 0;
        while (maxEvents <= 0 || sent < maxEvents) {
            ImageEvent event = source.next();
            if (event == null) {
                break;
            }
            onSend.accept(event);
            send(event);
            sent++;
            if (unreachable) {
                log.error("no send has succeeded and the broker cannot take events: stopping after {} event(s)", sent);
                break;
            }
            if (System.nanoTime() >= nextProgress) {
                progress(sent, source.counts(), start);
                nextProgress = System.nanoTime() + progressEvery.toNanos();
            }
        }
        producer.flush();
        inFlight.acquire(maxInFlight); // every callback has run
        inFlight.release(maxInFlight);
        synchronized (errors) {
            return new Summary(sent, acked.get(), failed.get(), source.counts(), (System.nanoTime() - start) / 1e9,
                    List.copyOf(errors));
        }
    }

    private void send(ImageEvent event) throws InterruptedException {
        inFlight.acquire(); // released by the callback: at most maxInFlight unacknowledged
        String eventId = event.getEventId();
        try {
            producer.send(event, (metadata, e) -> {
                inFlight.release();
                if (e == null) {
                    acked.incrementAndGet();
                } else {
                    failed(eventId, e);
                }
            });
        } catch (RuntimeException e) { // serialization, a closed producer: the callback will not run
            inFlight.release();
            failed(eventId, e);
        }
    }

    private void failed(String eventId, Exception e) {
        failed.incrementAndGet();
        if (acked.get() == 0 && (e instanceof TimeoutException || e instanceof UnknownTopicOrPartitionException
                || e instanceof AuthorizationException)) {
            unreachable = true;
        }
        log.warn("event {} not sent: {}", eventId, e.toString());
        synchronized (errors) {
            if (errors.size() < MAX_ERRORS_KEPT) {
                errors.add(eventId + ": " + e);
            }
        }
    }

    private void progress(long sent, SourceCounts counts, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        console.printf(Locale.ROOT, "progress: %d sent (%d in flight, %d failed), %.1f events/s; frames read %d,"
                        + " dropped %d, reconnects %d%n", sent, maxInFlight - inFlight.availablePermits(), failed.get(),
                sent / seconds, counts.framesRead(), counts.dropped(), counts.reconnects());
        console.flush();
    }
}
