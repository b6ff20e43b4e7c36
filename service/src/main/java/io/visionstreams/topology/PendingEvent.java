package io.visionstreams.topology;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.Frame;
import io.visionstreams.ingest.InputRejected;
import io.visionstreams.ingest.SourceRecord;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One input record in flight in a stream task, from {@code process()} (or its restore from the
 * pending store) until every enabled task has answered it. Touched by the stream thread only, except
 * the byte count, which a frame-pool thread may set once the frame is decoded.
 */
final class PendingEvent {

    /** Where the record stands: waiting for budget, for its read-back, for its load, or being inferred. */
    enum State { DEFERRED, UNREAD, LOADING, INFERRING }

    /** A finished load: a frame, a rejection (dead letter), or nothing read yet (retry the read-back). */
    record Loaded(Frame frame, InputRejected rejected) {
        static final Loaded UNREAD = new Loaded(null, null);
    }

    final long offset;
    final String topic;
    final int partition;
    final long timestamp;
    SourceRecord source; // null until read back (restored entries)
    State state;
    CompletableFuture<Loaded> load;
    ImageEvent event; // once loaded
    Frame frame; // dropped (pixels and budget) once every submitted task has its answer
    final Map<VisionTask, CompletableFuture<Answer>> answers = new EnumMap<>(VisionTask.class);
    /** The batchers' own futures, cancelled when the stream task closes (the batcher skips them). */
    final Map<VisionTask, CompletableFuture<?>> submitted = new EnumMap<>(VisionTask.class);
    final Map<VisionTask, Long> retryAtNanos = new EnumMap<>(VisionTask.class);
    /** Task name → encoded Tags contribution, in the order the tasks answered (the store's copy). */
    final Map<String, byte[]> answered = new LinkedHashMap<>();
    private long heldBytes;
    private boolean closed;

    PendingEvent(SourceRecord source, State state) {
        this(source.topic(), source.partition(), source.offset(), source.timestamp(), state);
        this.source = source;
    }

    PendingEvent(String topic, int partition, long offset, long timestamp, State state) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.state = state;
    }

    boolean hasAnswered(VisionTask task) {
        return answered.containsKey(task.configName());
    }

    /** Counts a decoded frame's bytes against the budget; false when the event was closed meanwhile. */
    synchronized boolean hold(long bytes) {
        if (closed) {
            return false;
        }
        heldBytes += bytes;
        return true;
    }

    /** The bytes to hand back to the budget (once). */
    synchronized long release() {
        long bytes = heldBytes;
        heldBytes = 0;
        return bytes;
    }

    /** The stream task let go of this event: a late decode must not hold budget for it. */
    synchronized long close() {
        closed = true;
        return release();
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
