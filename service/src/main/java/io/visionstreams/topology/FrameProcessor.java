package io.visionstreams.topology;

import io.visionstreams.avro.Stage;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.PendingFrames;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.Frame;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.InputRejected;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.ingest.DeadLetters;
import io.visionstreams.results.Serdes;
import io.visionstreams.task.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's one processor per stream task (DESIGN.md §2, docs/architecture.md "Batching without losing a frame").
 * In: raw input records. Out: each enabled task's result or dead letter, in input order per task; a
 * dead letter for an event that cannot be read, fetched or decoded; and, once every enabled task has
 * answered an event, its Tags record. {@code process()} records the input's coordinates in the
 * changelogged pending store (key = input offset) and hands fetch + decode to the instance's
 * {@link FramePool}; a decoded frame goes to each task's shared {@link DynamicBatcher}. The stream
 * thread only does bookkeeping: from a wall-clock punctuator and at the start of {@code process()} it
 * forwards what is answered and updates the entry (which tasks answered, with their Tags
 * contributions) in the same step, so under exactly_once_v2 outputs, entries and offsets commit
 * together; the last answer deletes the entry and forwards Tags, so the join's state is bounded by
 * {@code vision.batch.max-in-flight}. Entries restored from the changelog are read back from the input
 * topic (off the stream thread) for the tasks that have not answered.
 */
final class FrameProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(FrameProcessor.class);
    /** Pause before reading a record back again, or re-submitting to a model that was not serving. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final VisionConfig config;
    private final VisionTopology.Pipelines pipelineSource;
    private final List<TaskSpec<?, ?>> specs;
    private final FrameLoader loader;
    private final FramePool pool;
    private final SourceRecordReader.Factory readers;
    private final VisionMetrics metrics;
    private final Map<VisionTask, TaskPipeline<?>> pipelines = new EnumMap<>(VisionTask.class);
    private final Map<VisionTask, AtomicInteger> inFlight = new EnumMap<>(VisionTask.class);
    private final TreeMap<Long, PendingEvent> events = new TreeMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Long, byte[]> store;
    private SourceRecordReader reader;
    private long nextReadNanos;
    private long lastBackPressureWarning;

    FrameProcessor(VisionConfig config, VisionTopology.Pipelines pipelines, List<TaskSpec<?, ?>> specs,
                   FrameLoader loader, FramePool pool, SourceRecordReader.Factory readers, VisionMetrics metrics) {
        this.config = config;
        this.pipelineSource = pipelines;
        this.specs = List.copyOf(specs);
        this.loader = loader;
        this.pool = pool;
        this.readers = readers;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        for (TaskSpec<?, ?> spec : specs) {
            pipelines.put(spec.task(), pipelineSource.forTask(spec.task()));
            inFlight.put(spec.task(), metrics.inFlight(spec.task().configName()));
        }
        this.store = context.getStateStore(Names.PENDING_STORE);
        this.reader = readers.create(context.appConfigs(), context.applicationId());
        restore();
        context.schedule(config.batching().forwardInterval(), PunctuationType.WALL_CLOCK_TIME, now -> forward());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        forward();
        SourceRecord source = source(record);
        Long stop = config.output().stopOffsets().get(source.partition());
        if (stop != null && source.offset() >= stop) {
            return; // past the end of this instance's slice (vision.input.stop-offsets): not ours to process
        }
        PendingEvent event = new PendingEvent(source, PendingEvent.State.DEFERRED);
        events.put(source.offset(), event);
        store.put(source.offset(), encode(event));
        specs.forEach(s -> inFlight.get(s.task()).incrementAndGet());
        if (pool.budget().hasRoom()) {
            startLoad(event);
        }
        backPressure();
    }

    /**
     * At {@code vision.batch.max-in-flight} events, waits for answers, at most
     * {@code vision.batch.result-timeout-ms} (checked at start-up to be well inside the transaction and
     * poll time-outs); then admits the record anyway (its decode waits for budget) rather than letting the
     * transaction expire. A stopped batcher fails the task instead: its frames stay pending for the next owner.
     */
    private void backPressure() {
        long deadline = System.nanoTime() + config.batching().resultTimeout().toNanos();
        while (events.size() >= config.batching().maxInFlight()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (System.nanoTime() - lastBackPressureWarning > Duration.ofSeconds(10).toNanos()) {
                    lastBackPressureWarning = System.nanoTime();
                    log.warn("{} events in flight and no answer within vision.batch.result-timeout-ms={} ms: "
                            + "admitting more (a model is slow or not serving)", events.size(),
                            config.batching().resultTimeout().toMillis());
                }
                return;
            }
            try {
                wakeups.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("interrupted while waiting for answers", e);
            }
            wakeups.drainPermits();
            forward();
            failIfBatcherStopped();
        }
    }

    private void failIfBatcherStopped() {
        for (TaskSpec<?, ?> spec : specs) {
            for (PendingEvent e : events.values()) {
                if (e.hasAnswered(spec.task())) {
                    continue;
                }
                CompletableFuture<Answer> f = e.answers.get(spec.task());
                if (f != null && f.isDone() && f.join() instanceof Answer.Retry r && r.cancelled()) {
                    throw new StreamsException("batcher for " + spec.task().configName() + " stopped", r.cause());
                }
                break;
            }
        }
    }

    /** Entries restored from the changelog (crash, migration): read back, then submitted to the unanswered tasks. */
    private void restore() {
        int restored = 0;
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                PendingFrame p = PendingFrames.decode(it.next().value);
                PendingEvent e = new PendingEvent(p.getTopic(), p.getPartition(), p.getOffset(), p.getTimestamp(),
                        PendingEvent.State.UNREAD);
                e.answered.putAll(PendingFrames.answered(p));
                events.put(e.offset, e);
                specs.stream().filter(s -> !e.hasAnswered(s.task())).forEach(s -> inFlight.get(s.task()).incrementAndGet());
                restored++;
            }
        }
        if (restored > 0) {
            log.info("re-submitted {} pending frames restored from {} (task {})", restored, Names.PENDING_STORE,
                    context.taskId());
            startReads();
        }
    }

    /** Everything that can move: loads to start, loads done, answers in order, events complete. */
    private void forward() {
        startDeferred();
        if (System.nanoTime() >= nextReadNanos) {
            startReads();
        }
        absorbLoads();
        for (TaskSpec<?, ?> spec : specs) {
            forwardInOrder(spec);
        }
        completeEvents();
    }

    private void startDeferred() {
        for (PendingEvent e : events.values()) {
            if (e.state == PendingEvent.State.DEFERRED) {
                if (!pool.budget().hasRoom()) {
                    return;
                }
                startLoad(e);
            }
        }
    }

    private void startLoad(PendingEvent e) {
        SourceRecord source = e.source;
        e.state = PendingEvent.State.LOADING;
        e.load = CompletableFuture.supplyAsync(() -> load(e, source), pool.executor());
        e.load.whenComplete((l, t) -> wakeups.release());
    }

    /** On a frame-pool thread: wait for budget, fetch and decode, count the frame's bytes. */
    private PendingEvent.Loaded load(PendingEvent e, SourceRecord source) {
        try {
            pool.budget().awaitRoom(e::isClosed);
            if (e.isClosed()) {
                return PendingEvent.Loaded.UNREAD; // the stream task let go of it meanwhile
            }
            Frame frame = loader.load(source, e::isClosed); // waits out a schema registry outage (FrameLoader)
            long bytes = (long) frame.image().width() * frame.image().height() * 3;
            if (e.hold(bytes)) {
                pool.budget().hold(bytes);
            }
            return new PendingEvent.Loaded(frame, null);
        } catch (InputRejected r) {
            return new PendingEvent.Loaded(null, r);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return PendingEvent.Loaded.UNREAD;
        }
    }

    /** Restored entries and reads that timed out: one read-back per partition, on the frame pool. */
    private void startReads() {
        Map<TopicPartition, TreeSet<Long>> wanted = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (PendingEvent e : events.values()) {
            if (e.state == PendingEvent.State.UNREAD) {
                wanted.computeIfAbsent(new TopicPartition(e.topic, e.partition), k -> new TreeSet<>()).add(e.offset);
            }
        }
        nextReadNanos = System.nanoTime() + RETRY_DELAY.toNanos();
        Duration timeout = config.batching().resultTimeout();
        wanted.forEach((partition, offsets) -> {
            CompletableFuture<SourceRecordReader.ReadBack> read =
                    CompletableFuture.supplyAsync(() -> reader.read(partition, offsets, timeout), pool.executor());
            for (long offset : offsets) {
                PendingEvent e = events.get(offset);
                e.state = PendingEvent.State.LOADING;
                e.load = read.thenApplyAsync(back -> readBack(e, back), pool.executor())
                        .exceptionally(t -> PendingEvent.Loaded.UNREAD);
                e.load.whenComplete((l, t) -> wakeups.release());
            }
        });
    }

    private PendingEvent.Loaded readBack(PendingEvent e, SourceRecordReader.ReadBack back) {
        SourceRecord found = back.found().get(e.offset);
        if (found != null) {
            e.source = found;
            return load(e, found);
        }
        if (back.gone().contains(e.offset)) {
            e.source = new SourceRecord(e.topic, e.partition, e.offset, e.timestamp, null, null, List.of());
            return new PendingEvent.Loaded(null, new InputRejected(Stage.FETCH, "SOURCE_RECORD_GONE", "input record "
                    + e.source.coordinates() + " is no longer in the log (retention?); its result cannot be computed",
                    null, null));
        }
        return PendingEvent.Loaded.UNREAD;
    }

    private void absorbLoads() {
        for (Iterator<PendingEvent> it = events.values().iterator(); it.hasNext(); ) {
            PendingEvent e = it.next();
            if (e.state != PendingEvent.State.LOADING || !e.load.isDone()) {
                continue;
            }
            PendingEvent.Loaded loaded = e.load.join();
            if (loaded.frame() != null) {
                e.frame = loaded.frame();
                e.event = loaded.frame().event();
                e.state = PendingEvent.State.INFERRING;
                for (TaskSpec<?, ?> spec : specs) {
                    if (!e.hasAnswered(spec.task())) {
                        submit(e, spec);
                    }
                }
            } else if (loaded.rejected() != null) {
                if (rejected(e, loaded.rejected())) {
                    it.remove();
                }
            } else {
                e.state = PendingEvent.State.UNREAD;
            }
        }
    }

    /** A load's dead letter: for the whole event, or (some tasks already answered) for each task left. True: event done. */
    private boolean rejected(PendingEvent e, InputRejected r) {
        log.info("dead letter {} {} for event {} at {}: {}", r.stage(), r.reason(), r.eventId(),
                e.source.coordinates(), r.getMessage());
        List<TaskSpec<?, ?>> open = specs.stream().filter(s -> !e.hasAnswered(s.task())).toList();
        if (e.answered.isEmpty()) {
            deadLetter(e.source, r.eventId(), r.stage(), r.reason(), r.getMessage(), null);
            open.forEach(s -> inFlight.get(s.task()).decrementAndGet());
            store.delete(e.offset);
            pool.budget().release(e.release());
            return true;
        }
        for (TaskSpec<?, ?> spec : open) {
            deadLetter(e.source, r.eventId(), r.stage(), r.reason(), r.getMessage(), spec.task().configName());
            Tags any = TagsJoin.join(e.answered.values());
            e.answered.put(spec.task().configName(), TagsJoin.deadLettered(
                    io.visionstreams.avro.ImageEvent.newBuilder().setEventId(any.getEventId())
                            .setSourceId(any.getSourceId()).setCapturedAt(any.getCapturedAt())
                            .setAttributes(any.getAttributes()).build(), spec.task().configName()));
            inFlight.get(spec.task()).decrementAndGet();
        }
        return false; // completeEvents() forwards its Tags and deletes it
    }

    private <R> void submit(PendingEvent e, TaskSpec<?, ?> spec) {
        @SuppressWarnings("unchecked")
        TaskPipeline<R> pipeline = (TaskPipeline<R>) pipelines.get(spec.task());
        @SuppressWarnings("unchecked")
        TaskSpec<R, ?> typed = (TaskSpec<R, ?>) spec;
        Frame frame = e.frame;
        double threshold = config.flow().threshold(spec.task());
        int maxBytes = config.maxRecordBytes();
        var inference = pipeline.batcher().submit(frame.image());
        e.submitted.put(spec.task(), inference);
        CompletableFuture<Answer> answer = inference.handle((inferred, error) ->
                Answers.of(typed, frame.event(), frame.source(), pipeline.batcher().model().info(), inferred, error,
                        threshold, maxBytes));
        e.answers.put(spec.task(), answer);
        answer.whenComplete((a, t) -> wakeups.release());
    }

    /** Forwards this task's answers from the oldest event on, stopping at the first without one. */
    private void forwardInOrder(TaskSpec<?, ?> spec) {
        VisionTask task = spec.task();
        for (PendingEvent e : events.values()) {
            if (e.hasAnswered(task)) {
                continue;
            }
            CompletableFuture<Answer> future = e.answers.get(task);
            if (future == null || !future.isDone()) {
                return;
            }
            Answer answer = future.join();
            if (answer instanceof Answer.Retry retry) {
                if (!retry.cancelled()) {
                    resubmitLater(e, spec);
                }
                return; // cancelled: the batcher stopped; the entry stays pending for the next owner
            }
            emit(e, spec, answer);
            inFlight.get(task).decrementAndGet();
            releaseIfInferred(e);
            if (!isComplete(e)) {
                store.put(e.offset, encode(e));
            }
        }
    }

    /**
     * The model was not serving (ModelUnavailableException): nothing is dead-lettered and the task stops.
     * A second later, once the batcher serves again, every frame it refused is submitted again, in place.
     */
    private void resubmitLater(PendingEvent head, TaskSpec<?, ?> spec) {
        VisionTask task = spec.task();
        long now = System.nanoTime();
        Long at = head.retryAtNanos.get(task);
        if (at == null) {
            head.retryAtNanos.put(task, now + RETRY_DELAY.toNanos());
            return;
        }
        if (now < at || !pipelines.get(task).batcher().isServing()) {
            return;
        }
        for (PendingEvent e : events.values()) {
            CompletableFuture<Answer> f = e.answers.get(task);
            if (!e.hasAnswered(task) && e.frame != null && f != null && f.isDone()
                    && f.join() instanceof Answer.Retry r && !r.cancelled()) {
                e.retryAtNanos.remove(task);
                submit(e, spec);
            }
        }
    }

    private void emit(PendingEvent e, TaskSpec<?, ?> spec, Answer answer) {
        String task = spec.task().configName();
        String eventId = e.event.getEventId();
        if (answer instanceof Answer.Published p) {
            byte[] key = e.event.getSourceId().getBytes(StandardCharsets.UTF_8);
            context.forward(new Record<>(key, p.value(), config.output().timestampOf(p.capturedAt())), spec.resultsSink());
            metrics.result(task, Duration.ofMillis(System.currentTimeMillis() - p.capturedAt()));
            e.answered.put(task, p.tags());
        } else if (answer instanceof Answer.Failed f) {
            deadLetter(e.source, eventId, f.stage(), f.reason(), f.message(), task);
            e.answered.put(task, f.tags());
        }
    }

    /** Once every submitted task has its answer (none to retry), the pixels go and their budget with them. */
    private void releaseIfInferred(PendingEvent e) {
        if (e.frame == null) {
            return;
        }
        for (CompletableFuture<Answer> f : e.answers.values()) {
            if (!f.isDone() || f.join() instanceof Answer.Retry) {
                return;
            }
        }
        pool.budget().release(e.release());
        e.frame = null;
    }

    private boolean isComplete(PendingEvent e) {
        return specs.stream().allMatch(s -> e.hasAnswered(s.task()));
    }

    /**
     * Events every enabled task has answered, oldest first, up to the first that is not (Tags keep input
     * order): their Tags record, then the entry goes (one step, one transaction).
     */
    private void completeEvents() {
        for (Iterator<PendingEvent> it = events.values().iterator(); it.hasNext(); ) {
            PendingEvent e = it.next();
            if (!isComplete(e)) {
                return;
            }
            if (config.flow().tagsEnabled() && !e.answered.isEmpty()) {
                Tags tags = TagsJoin.join(orderedContributions(e));
                context.forward(new Record<>(tags.getSourceId().getBytes(StandardCharsets.UTF_8),
                        Serdes.TAGS.encode(tags), config.output().timestampOf(tags.getCapturedAt().toEpochMilli())),
                        Names.TAGS_SINK);
            }
            store.delete(e.offset);
            pool.budget().release(e.release());
            it.remove();
        }
    }

    /** Contributions in task order (vision.tasks order), then any of tasks no longer enabled. */
    private List<byte[]> orderedContributions(PendingEvent e) {
        List<byte[]> out = new ArrayList<>();
        for (TaskSpec<?, ?> spec : specs) {
            out.add(e.answered.get(spec.task().configName()));
        }
        e.answered.forEach((task, bytes) -> {
            if (specs.stream().noneMatch(s -> s.task().configName().equals(task))) {
                out.add(bytes);
            }
        });
        return out;
    }

    private void deadLetter(SourceRecord source, String eventId, Stage stage, String reason, String message,
                            String task) {
        byte[] value = Serdes.DEAD_LETTER.encode(DeadLetters.of(source, eventId, stage, reason, message, task,
                Instant.now(), config.maxRecordBytes()));
        context.forward(new Record<>(source.key(), value, source.timestamp()), Names.DEAD_LETTERS_SINK);
        metrics.deadLetter(stage.name(), reason, task);
    }

    private byte[] encode(PendingEvent e) {
        return PendingFrames.encode(e.topic, e.partition, e.offset, e.timestamp, e.answered);
    }

    private SourceRecord source(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        return new SourceRecord(meta.map(RecordMetadata::topic).orElse(""),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L),
                record.timestamp(), record.key(), record.value(), SourceRecord.headersOf(record.headers()));
    }

    /** Work in flight stays in the pending store; whoever owns the task next reads it back and submits it again. */
    @Override
    public void close() {
        for (PendingEvent e : events.values()) {
            specs.stream().filter(s -> !e.hasAnswered(s.task())).forEach(s -> inFlight.get(s.task()).decrementAndGet());
            pool.budget().release(e.close());
            e.submitted.values().forEach(f -> f.cancel(false));
        }
        events.clear();
        if (reader != null) {
            reader.close();
        }
    }
}
