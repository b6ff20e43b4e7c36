package io.visionstreams.topology;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.PendingFrames;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The stream's one processor per stream task (DESIGN.md §8), thin: it moves records between the
 * pending {@link PendingLedger} (what may be forwarded or deleted, in which order), the
 * {@link FrameLoads} (records to frames under the byte budget) and the {@link Inferences} (frames to
 * each task's shared batcher), and applies the ledger's {@link LedgerCommand}s to the context and the
 * changelogged pending store (key = input offset), so under exactly_once_v2 outputs, entries and
 * offsets commit together. In: raw input records. Out: each enabled task's result or dead letter, in
 * input order per task; a dead letter for an event that cannot be read, fetched or decoded; each
 * event's Tags record once every enabled task has answered it. It runs from {@code process()} and a
 * wall-clock punctuator; at {@code vision.batch.max-in-flight} events it waits for answers, within
 * the stream thread's {@link CommitWaits} budget.
 */
final class FrameProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(FrameProcessor.class);

    private final VisionConfig config;
    private final VisionTopology.Pipelines pipelineSource;
    private final List<TaskSpec<?, ?>> specs;
    private final FrameLoader loader;
    private final FramePool pool;
    private final SourceRecordReader.Factory readers;
    private final VisionMetrics metrics;
    private final CommitWaits waits;
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<String, TaskSpec<?, ?>> byName = new LinkedHashMap<>();
    private final Map<String, Integer> reportedInFlight = new HashMap<>();
    private final PendingLedger ledger;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Long, byte[]> store;
    private FrameLoads loads;
    private Inferences inferences;
    private long lastBackPressureWarning;

    FrameProcessor(VisionConfig config, VisionTopology.Pipelines pipelines, List<TaskSpec<?, ?>> specs,
                   FrameLoader loader, FramePool pool, SourceRecordReader.Factory readers, VisionMetrics metrics) {
        this(config, pipelines, specs, loader, pool, readers, metrics, new CommitWaits(WaitBounds.perCommit(config)));
    }

    FrameProcessor(VisionConfig config, VisionTopology.Pipelines pipelines, List<TaskSpec<?, ?>> specs,
                   FrameLoader loader, FramePool pool, SourceRecordReader.Factory readers, VisionMetrics metrics,
                   CommitWaits waits) {
        this.config = config;
        this.pipelineSource = pipelines;
        this.specs = List.copyOf(specs);
        this.loader = loader;
        this.pool = pool;
        this.readers = readers;
        this.metrics = metrics;
        this.waits = waits;
        specs.forEach(s -> byName.put(s.task().configName(), s));
        this.ledger = new PendingLedger(List.copyOf(byName.keySet()), config.flow().tagsEnabled());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        Map<String, TaskPipeline<?>> pipelines = new LinkedHashMap<>();
        specs.forEach(s -> pipelines.put(s.task().configName(), pipelineSource.forTask(s.task())));
        byName.keySet().forEach(metrics::inFlight); // the gauges exist from the start
        this.store = context.getStateStore(Names.PENDING_STORE);
        this.loads = new FrameLoads(loader, pool, readers.create(context.appConfigs(), context.applicationId()),
                config.batching().resultTimeout(), wakeups::release);
        this.inferences = new Inferences(pipelines, new Submissions(config, pipelines), wakeups::release);
        restore();
        context.schedule(config.batching().forwardInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            waits.committing();
            forward();
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        forward();
        SourceRecord source = source(record);
        Long stop = config.output().stopOffsets().get(source.partition());
        if (stop != null && source.offset() >= stop) {
            return; // past the end of this instance's slice (vision.input.stop-offsets): not ours to process
        }
        List<LedgerCommand> commands = new ArrayList<>();
        if (ledger.admit(source.offset(), commands)) {
            loads.admit(source);
        } else {
            loads.consumedAgain(source); // a restored entry consumed again (at_least_once): one entry, one load
        }
        apply(commands);
        backPressure();
    }

    /**
     * At {@code vision.batch.max-in-flight} events, waits for answers: at most {@code vision.batch.result-timeout-ms}
     * at once and at most what is left of this stream thread's {@link CommitWaits} budget; then admits the record
     * anyway (its decode waits for budget) rather than letting the transaction expire, and asks for a commit.
     */
    private void backPressure() {
        if (ledger.size() < config.batching().maxInFlight()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + Math.min(config.batching().resultTimeout().toNanos(), waits.remainingNanos());
        try {
            while (ledger.size() >= config.batching().maxInFlight()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    warnAdmitting();
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
                inferences.failIfBatcherStopped();
            }
        } finally {
            waits.spend(System.nanoTime() - start);
            context.commit(); // the waits of this thread's tasks add up within one transaction: end it soon
        }
    }

    private void warnAdmitting() {
        if (System.nanoTime() - lastBackPressureWarning > Duration.ofSeconds(10).toNanos()) {
            lastBackPressureWarning = System.nanoTime();
            log.warn("{} events in flight in task {} and no answer within the wait left to this stream thread "
                    + "(vision.batch.result-timeout-ms={} ms, half the transaction time-out per commit): admitting "
                    + "more (a model is slow or not serving)", ledger.size(), context.taskId(),
                    config.batching().resultTimeout().toMillis());
        }
    }

    /** Entries restored from the changelog (crash, migration): read back, then submitted to the tasks left. */
    private void restore() {
        int restored = 0;
        try (KeyValueIterator<Long, byte[]> it = store.all()) {
            while (it.hasNext()) {
                PendingFrame p = PendingFrames.decode(it.next().value);
                ledger.restore(p.getOffset(), PendingFrames.answered(p));
                loads.restored(p.getTopic(), p.getPartition(), p.getOffset(), p.getTimestamp());
                restored++;
            }
        }
        if (restored > 0) {
            log.info("re-submitting {} pending frames restored from {} (task {})", restored, Names.PENDING_STORE,
                    context.taskId());
        }
        reportInFlight();
    }

    /** Everything that can move: finished loads to the batchers (or dead letters), answers to the ledger, its commands out. */
    private void forward() {
        for (FrameLoads.Done done : loads.poll()) {
            if (done.fatal() != null) {
                throw new StreamsException("out of memory while decoding; stopping this stream thread", done.fatal());
            }
            if (done.frame() != null) {
                List<String> open = ledger.open(done.offset());
                open.forEach(task -> inferences.submit(done.offset(), byName.get(task), done.frame()));
                if (open.isEmpty()) {
                    loads.inferred(done.offset());
                }
            } else {
                rejected(done.offset(), done.rejected());
            }
        }
        for (Inferences.Done done : inferences.poll()) {
            ledger.answer(done.offset(), done.task(), done.answer());
            if (inferences.settled(done.offset())) {
                loads.inferred(done.offset());
            }
        }
        apply(ledger.drain());
        reportInFlight();
    }

    /** A load's dead letter: for the whole event, or (some tasks answered already) that failure for each task left. */
    private void rejected(long offset, InputRejected r) {
        SourceRecord source = loads.source(offset);
        log.info("dead letter {} {} for event {} at {}: {}", r.stage(), r.reason(), r.eventId(),
                source.coordinates(), r.getMessage());
        if (ledger.untouched(offset)) {
            ledger.reject(offset, new Answer.Failed(r.stage(), r.reason(), r.getMessage(), null), r.eventId());
            return;
        }
        Tags any = TagsJoin.decodeAny(ledger.contributions(offset));
        ImageEvent identity = ImageEvent.newBuilder().setEventId(any.getEventId()).setSourceId(any.getSourceId())
                .setCapturedAt(any.getCapturedAt()).setAttributes(any.getAttributes()).build();
        for (String task : ledger.open(offset)) {
            ledger.answer(offset, task, new Answer.Failed(r.stage(), r.reason(), r.getMessage(),
                    TagsJoin.deadLettered(identity, task)));
        }
    }

    private void apply(List<LedgerCommand> commands) {
        for (LedgerCommand c : commands) {
            if (c instanceof LedgerCommand.Emit emit) {
                emit(emit);
            } else if (c instanceof LedgerCommand.Reject reject) {
                Answer.Failed f = reject.failure();
                deadLetter(loads.source(reject.offset()), reject.eventId(), f, null);
            } else if (c instanceof LedgerCommand.Join join) {
                Tags tags = TagsJoin.join(join.contributions());
                context.forward(new Record<>(tags.getSourceId().getBytes(StandardCharsets.UTF_8),
                        Serdes.TAGS.encode(tags), config.output().timestampOf(tags.getCapturedAt().toEpochMilli())),
                        TrackingRoute.tagsChild(config));
            } else if (c instanceof LedgerCommand.Put put) {
                SourceRecord at = loads.source(put.offset());
                store.put(put.offset(), PendingFrames.encode(at.topic(), at.partition(), put.offset(), at.timestamp(),
                        put.answered()));
            } else if (c instanceof LedgerCommand.Delete delete) {
                store.delete(delete.offset());
                loads.remove(delete.offset());
            }
        }
    }

    private void emit(LedgerCommand.Emit emit) {
        SourceRecord source = loads.source(emit.offset());
        if (emit.answer() instanceof Answer.Published p) {
            context.forward(new Record<>(p.key(), p.value(), config.output().timestampOf(p.capturedAt())),
                    TrackingRoute.resultsChild(byName.get(emit.task()), config));
            metrics.result(emit.task(), Duration.ofMillis(System.currentTimeMillis() - p.capturedAt()));
        } else if (emit.answer() instanceof Answer.Failed f) {
            deadLetter(source, TagsJoin.decodeAny(List.of(f.tags())).getEventId(), f, emit.task());
        }
    }

    private void deadLetter(SourceRecord source, String eventId, Answer.Failed f, String task) {
        byte[] value = Serdes.DEAD_LETTER.encode(DeadLetters.of(source, eventId, f.stage(), f.reason(), f.message(),
                task, Instant.now(), config.maxRecordBytes()));
        context.forward(new Record<>(source.key(), value, source.timestamp()), Names.DEAD_LETTERS_SINK);
        metrics.deadLetter(f.stage().name(), f.reason(), task);
    }

    /** The instance-wide in-flight gauges: this task's share is what its ledger still owes each task. */
    private void reportInFlight() {
        for (String task : byName.keySet()) {
            int now = ledger.owing(task);
            int before = reportedInFlight.getOrDefault(task, 0);
            if (now != before) {
                metrics.inFlight(task).addAndGet(now - before);
                reportedInFlight.put(task, now);
            }
        }
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
        ledger.clear();
        reportInFlight();
        if (inferences != null) {
            inferences.close();
        }
        if (loads != null) {
            loads.close();
        }
    }
}
