package io.visionstreams.topology;

import io.visionstreams.avro.Stage;
import io.visionstreams.batching.FatalErrors;
import io.visionstreams.batching.FrameBudget;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.ingest.Frame;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.InputRejected;
import io.visionstreams.ingest.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The loader of one stream task: input records (consumed, or read back from the input topic after a
 * restore) to decoded frames on the instance's {@link FramePool}, under its {@link FrameBudget}. In:
 * records by offset. Out ({@link #poll}): loads that finished, each a frame, a rejection (its dead
 * letter) or, for an {@link OutOfMemoryError}, a fatal error. Every byte it holds is counted: the raw
 * record twice (its value and the event decoded from it) from the moment it is held, and while a
 * frame decodes {@value #DECODE_COPIES} times the frame's header-declared pixel bytes plus the
 * encoded image (the decoder's native and heap copies), shrunk to the frame's pixels once decoded
 * and handed back once every task has run it ({@link #inferred}). Only the stream thread calls it;
 * the slots' byte counts are also touched by frame-pool threads, under the slot's lock.
 */
final class FrameLoads implements AutoCloseable {

    /**
     * Copies of a frame's pixels alive at once while it decodes: OpenCV's decoded BGR matrix, its RGB
     * conversion, the upright one, and the heap array (TurboJPEG: a native buffer and the heap array).
     */
    static final int DECODE_COPIES = 4;
    /** The reason of a dead letter for any Throwable out of decoding that the decoder did not name itself. */
    static final String DECODER_ERROR = "DECODER_ERROR";
    /** Pause before reading records back again after a read that found nothing in time. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** A finished load: a frame, a rejection, or a fatal error (exactly one is set). */
    record Done(long offset, Frame frame, InputRejected rejected, Throwable fatal) {}

    private record Outcome(Frame frame, InputRejected rejected, Throwable fatal) {
        static final Outcome UNREAD = new Outcome(null, null, null);
    }

    private enum State { DEFERRED, UNREAD, LOADING, LOADED }

    private final FrameLoader loader;
    private final FramePool pool;
    private final SourceRecordReader reader;
    private final Duration readTimeout;
    private final Runnable wakeup;
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private long nextReadNanos;

    /** @param wakeup called on a frame-pool thread whenever a load finishes */
    FrameLoads(FrameLoader loader, FramePool pool, SourceRecordReader reader, Duration readTimeout, Runnable wakeup) {
        this.loader = loader;
        this.pool = pool;
        this.reader = reader;
        this.readTimeout = readTimeout;
        this.wakeup = wakeup;
    }

    /** A consumed record: counted now, loaded as soon as the budget has room. */
    void admit(SourceRecord source) {
        Slot slot = new Slot(pool.budget(), source.topic(), source.partition(), source.offset(), source.timestamp());
        slots.put(source.offset(), slot);
        slot.supply(source);
    }

    /** A pending entry restored from the changelog: its record is read back from the input topic. */
    void restored(String topic, int partition, long offset, long timestamp) {
        slots.put(offset, new Slot(pool.budget(), topic, partition, offset, timestamp));
    }

    /** The record of a restored entry consumed again (at_least_once): no read-back needed if none is under way. */
    void consumedAgain(SourceRecord source) {
        Slot slot = slots.get(source.offset());
        if (slot != null && slot.state == State.UNREAD) {
            slot.supply(source);
        }
    }

    /** The record behind a slot; for a restored entry not read back yet, its coordinates only (no key, no value). */
    SourceRecord source(long offset) {
        Slot slot = slots.get(offset);
        if (slot == null) {
            throw new IllegalStateException("no record at offset " + offset);
        }
        SourceRecord source = slot.source;
        return source != null ? source
                : new SourceRecord(slot.topic, slot.partition, slot.offset, slot.timestamp, null, null, List.of());
    }

    /** Starts what may start (loads while the budget has room, read-backs every {@link #RETRY_DELAY}); returns what finished. */
    List<Done> poll() {
        boolean overBudget = false;
        for (Slot slot : slots.values()) {
            if (slot.state == State.DEFERRED) {
                // raw records alone may fill the budget: with no frame reserved, one load still starts (else no event
                // could ever complete and hand its raw bytes back)
                if (!pool.budget().hasRoom() && (overBudget || pool.budget().framesReserved() > 0)) {
                    break;
                }
                overBudget = !pool.budget().hasRoom();
                startLoad(slot);
            }
        }
        if (System.nanoTime() >= nextReadNanos) {
            startReads();
        }
        List<Done> done = new ArrayList<>();
        for (Slot slot : slots.values()) {
            if (slot.state != State.LOADING || !slot.load.isDone()) {
                continue;
            }
            Outcome o = slot.load.join();
            slot.load = null; // the outcome holds the frame: keeping it here would keep pixels the budget let go
            if (o == Outcome.UNREAD) {
                slot.state = State.UNREAD;
                continue;
            }
            slot.state = State.LOADED;
            slot.frame = o.frame();
            done.add(new Done(slot.offset, o.frame(), o.rejected(), o.fatal()));
        }
        return done;
    }

    /** Every task has run the frame: its pixels and their budget go (the raw record stays for dead letters). */
    void inferred(long offset) {
        Slot slot = slots.get(offset);
        if (slot != null) {
            slot.frame = null;
            slot.releaseFrame();
        }
    }

    /** The event is done: everything it held goes. */
    void remove(long offset) {
        Slot slot = slots.remove(offset);
        if (slot != null) {
            slot.close();
        }
    }

    /** The stream task let go: every slot's bytes go now, and a load still running hands back what it reserves. */
    @Override
    public void close() {
        slots.values().forEach(Slot::close);
        slots.clear();
        reader.close();
    }

    private void startLoad(Slot slot) {
        SourceRecord source = slot.source;
        slot.state = State.LOADING;
        slot.load = CompletableFuture.supplyAsync(() -> load(slot, source), pool.executor());
        slot.load.whenComplete((o, t) -> wakeup.run());
    }

    /** On a frame-pool thread: fetch, reserve, decode. Every Throwable but a JVM-wide OutOfMemoryError is the input's. */
    private Outcome load(Slot slot, SourceRecord source) {
        try {
            Frame frame = loader.load(source, (encoded, decoded) -> slot.reserve(encoded + DECODE_COPIES * decoded),
                    slot::isClosed); // a schema registry outage is waited out here (FrameLoader), not dead-lettered
            if (frame == null) {
                return Outcome.UNREAD; // the stream task let go of it while it waited for budget or the registry
            }
            slot.shrinkTo(frame.image().pixels().length);
            return new Outcome(frame, null, null);
        } catch (InputRejected r) {
            slot.releaseFrame();
            return new Outcome(null, r, null);
        } catch (Throwable t) {
            slot.releaseFrame();
            if (FatalErrors.isFatal(t)) {
                return new Outcome(null, null, t);
            }
            return new Outcome(null, new InputRejected(Stage.DECODE, DECODER_ERROR,
                    "decoding failed with " + t, null, t), null);
        }
    }

    /** Slots whose record is not read yet: one read-back per partition, on the frame pool. */
    private void startReads() {
        nextReadNanos = System.nanoTime() + RETRY_DELAY.toNanos();
        Map<TopicPartition, TreeSet<Long>> wanted = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (Slot slot : slots.values()) {
            if (slot.state == State.UNREAD) {
                wanted.computeIfAbsent(new TopicPartition(slot.topic, slot.partition), k -> new TreeSet<>())
                        .add(slot.offset);
            }
        }
        wanted.forEach((partition, offsets) -> {
            CompletableFuture<SourceRecordReader.ReadBack> read =
                    CompletableFuture.supplyAsync(() -> reader.read(partition, offsets, readTimeout), pool.executor());
            for (long offset : offsets) {
                Slot slot = slots.get(offset);
                slot.state = State.LOADING;
                slot.load = read.thenApplyAsync(back -> readBack(slot, back), pool.executor())
                        .exceptionally(t -> Outcome.UNREAD);
                slot.load.whenComplete((o, t) -> wakeup.run());
            }
        });
    }

    private Outcome readBack(Slot slot, SourceRecordReader.ReadBack back) {
        SourceRecord found = back.found().get(slot.offset);
        if (found != null) {
            if (!slot.supplyFromReadBack(found)) {
                return Outcome.UNREAD;
            }
            return load(slot, found);
        }
        if (back.gone().contains(slot.offset)) {
            slot.source = new SourceRecord(slot.topic, slot.partition, slot.offset, slot.timestamp, null, null, List.of());
            return new Outcome(null, new InputRejected(Stage.FETCH, "SOURCE_RECORD_GONE", "input record "
                    + slot.source.coordinates() + " is no longer in the log (retention?); its result cannot be computed",
                    null, null), null);
        }
        return Outcome.UNREAD;
    }

    /** One record's place in the loader, and the bytes it holds against the budget. */
    private static final class Slot {
        final FrameBudget budget;
        final String topic;
        final int partition;
        final long offset;
        final long timestamp;
        volatile SourceRecord source;
        State state = State.UNREAD;
        CompletableFuture<Outcome> load;
        Frame frame;
        private long raw;
        private long reserved;
        private boolean closed;

        Slot(FrameBudget budget, String topic, int partition, long offset, long timestamp) {
            this.budget = budget;
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
            this.timestamp = timestamp;
        }

        /** On the stream thread: the record is at hand; count it, and load it when there is room. */
        void supply(SourceRecord record) {
            hold(record);
            source = record;
            state = State.DEFERRED;
        }

        /** On a frame-pool thread: a read-back found the record; false when the slot was closed meanwhile. */
        synchronized boolean supplyFromReadBack(SourceRecord record) {
            if (closed) {
                return false;
            }
            hold(record);
            source = record;
            return true;
        }

        private synchronized void hold(SourceRecord record) {
            long bytes = 2L * (record.value() == null ? 0 : record.value().length);
            raw += bytes;
            budget.hold(bytes);
        }

        /** On a frame-pool thread, before decoding: waits for the bytes; false when the slot closed first. */
        boolean reserve(long bytes) {
            try {
                if (!budget.awaitReserve(bytes, this::isClosed)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            synchronized (this) {
                if (closed) {
                    budget.unreserve(bytes);
                    return false;
                }
                reserved += bytes;
                return true;
            }
        }

        synchronized void shrinkTo(long bytes) {
            if (reserved > bytes) {
                budget.unreserve(reserved - bytes);
                reserved = bytes;
            }
        }

        synchronized void releaseFrame() {
            budget.unreserve(reserved);
            reserved = 0;
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void close() {
            closed = true;
            budget.release(raw);
            raw = 0;
            releaseFrame();
        }
    }
}
