package io.visionstreams.batching;

import io.visionstreams.avro.Stage;
import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.ingest.Frame;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.InputRejected;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.DeadLetters;
import io.visionstreams.results.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's batching inference step (DESIGN.md §2). Frames in; encoded results (or dead
 * letters) out, in input order. {@code process()} records the input in a changelogged pending
 * store (key = input offset), submits the frame to the shared {@link DynamicBatcher} and returns;
 * completed results are forwarded from a wall-clock punctuator and at the start of
 * {@code process()}, each deleting its pending entry in the same step, so under exactly_once_v2
 * the result, the deletion and the input offset commit together. Entries restored from the
 * changelog (crash, migration) are submitted again at {@link #init}.
 */
public final class BatchingInferenceProcessor<R> implements Processor<byte[], Frame, byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(BatchingInferenceProcessor.class);

    /** A submitted frame, or one that could not be rebuilt from its pending entry. */
    private record InFlight<R>(SourceRecord source, Frame frame, CompletableFuture<Inferred<R>> future,
                               InputRejected rejected) {}

    private final Supplier<TaskPipeline<R>> pipelineSupplier;
    private final String storeName;
    private final String resultsSink;
    private final String deadLettersSink;
    private final FrameLoader loader;
    private final VisionConfig.Batching settings;
    private final int maxRecordBytes;
    private final VisionConfig.Output output;
    private final VisionMetrics metrics;
    private final ArrayDeque<InFlight<R>> inFlight = new ArrayDeque<>();
    private TaskPipeline<R> pipeline;
    private AtomicInteger inFlightGauge;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Long, byte[]> pending;

    /** @param pipeline looked up at {@link #init}, so the topology can be built and described without models */
    public BatchingInferenceProcessor(Supplier<TaskPipeline<R>> pipeline, String storeName, String resultsSink,
                                      String deadLettersSink, FrameLoader loader, VisionConfig.Batching settings,
                                      int maxRecordBytes, VisionConfig.Output output, VisionMetrics metrics) {
        this.pipelineSupplier = pipeline;
        this.storeName = storeName;
        this.resultsSink = resultsSink;
        this.deadLettersSink = deadLettersSink;
        this.loader = loader;
        this.settings = settings;
        this.maxRecordBytes = maxRecordBytes;
        this.output = output;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.pipeline = pipelineSupplier.get();
        this.inFlightGauge = metrics.inFlight(pipeline.task().configName());
        this.pending = context.getStateStore(storeName);
        resubmitRestored();
        context.schedule(settings.forwardInterval(), PunctuationType.WALL_CLOCK_TIME, now -> forwardCompleted());
    }

    @Override
    public void process(Record<byte[], Frame> record) {
        forwardCompleted();
        Frame frame = record.value();
        pending.put(frame.source().offset(), PendingFrames.encode(frame.source()));
        submit(frame.source(), frame);
        while (inFlight.size() >= settings.maxInFlight()) {
            awaitOldest();
            forwardCompleted();
        }
    }

    private void submit(SourceRecord source, Frame frame) {
        inFlight.addLast(new InFlight<>(source, frame, pipeline.batcher().submit(frame.image()), null));
        inFlightGauge.incrementAndGet();
    }

    /** Pending entries restored from the changelog: read their records back from the input topic, submit again. */
    private void resubmitRestored() {
        SortedMap<Long, PendingFrame> restored = new TreeMap<>();
        try (KeyValueIterator<Long, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                PendingFrame p = PendingFrames.decode(it.next().value);
                restored.put(p.getOffset(), p);
            }
        }
        if (restored.isEmpty()) {
            return;
        }
        PendingFrame first = restored.get(restored.firstKey());
        TopicPartition partition = new TopicPartition(first.getTopic(), first.getPartition());
        Map<String, Object> consumerConfig = new StreamsConfig(context.appConfigs())
                .getRestoreConsumerConfigs(context.applicationId() + "-" + storeName + "-resubmit");
        Map<Long, SourceRecord> records = SourceRecordReader.read(consumerConfig, partition,
                new TreeSet<>(restored.keySet()), settings.resultTimeout());
        for (PendingFrame p : restored.values()) {
            SourceRecord source = records.get(p.getOffset());
            try {
                if (source == null) {
                    source = new SourceRecord(p.getTopic(), p.getPartition(), p.getOffset(), p.getTimestamp(), null,
                            null, List.of());
                    throw new InputRejected(Stage.FETCH, "SOURCE_RECORD_GONE", "input record " + source.coordinates()
                            + " is no longer in the log (retention?); its result cannot be computed", null, null);
                }
                submit(source, loader.load(source));
            } catch (InputRejected rejected) {
                inFlight.addLast(new InFlight<>(source, null, null, rejected));
                inFlightGauge.incrementAndGet();
            }
        }
        log.info("{}: re-submitted {} pending frames restored from {} ({})", pipeline.task().configName(),
                restored.size(), storeName, partition);
    }

    /** Forwards every completed head-of-line result, in input order. */
    private void forwardCompleted() {
        while (!inFlight.isEmpty()) {
            InFlight<R> head = inFlight.peekFirst();
            if (head.future() != null && (!head.future().isDone() || isCancelled(head.future()))) {
                return; // not done yet, or the batcher shut down: the entry stays pending for the next owner
            }
            inFlight.pollFirst();
            inFlightGauge.decrementAndGet();
            emit(head);
            pending.delete(head.source().offset());
        }
    }

    private void emit(InFlight<R> item) {
        if (item.rejected() != null) {
            InputRejected r = item.rejected();
            deadLetter(item.source(), r.eventId(), r.stage(), r.reason(), r.getMessage());
            return;
        }
        Frame frame = item.frame();
        String eventId = frame.event().getEventId();
        Inferred<R> inferred;
        try {
            inferred = item.future().join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("{} failed on event {} at {}: {}", pipeline.task().configName(), eventId,
                    item.source().coordinates(), cause.toString());
            deadLetter(item.source(), eventId, Stage.INFERENCE, "MODEL_ERROR", String.valueOf(cause.getMessage()));
            return;
        }
        byte[] value;
        try {
            value = pipeline.encoder().encode(frame.event(), pipeline.batcher().model().info(), inferred.timing(),
                    inferred.result());
        } catch (RuntimeException e) {
            deadLetter(item.source(), eventId, Stage.SERIALIZE, "ENCODE_FAILED", String.valueOf(e.getMessage()));
            return;
        }
        if (value.length > maxRecordBytes) { // the producer or the broker would reject it and stop the task
            deadLetter(item.source(), eventId, Stage.SERIALIZE, "RESULT_TOO_LARGE", "the " + pipeline.task().configName()
                    + " result is " + value.length + " bytes, over vision.output.max-record-bytes=" + maxRecordBytes);
            return;
        }
        long capturedAt = frame.event().getCapturedAt().toEpochMilli();
        context.forward(new Record<>(frame.event().getSourceId().getBytes(StandardCharsets.UTF_8), value,
                output.timestampOf(capturedAt)), resultsSink);
        metrics.result(pipeline.task().configName(), Duration.ofMillis(System.currentTimeMillis() - capturedAt));
    }

    private void deadLetter(SourceRecord source, String eventId, Stage stage, String reason, String message) {
        byte[] value = Serdes.DEAD_LETTER.encode(DeadLetters.of(source, eventId, stage, reason, message,
                pipeline.task().configName(), Instant.now(), maxRecordBytes));
        context.forward(new Record<>(source.key(), value, source.timestamp()), deadLettersSink);
        metrics.deadLetter(stage.name(), reason, pipeline.task().configName());
    }

    /** Back-pressure: wait for the oldest in-flight frame, bounded well inside max.poll.interval.ms. */
    private void awaitOldest() {
        InFlight<R> head = inFlight.peekFirst();
        if (head.future() == null) {
            return;
        }
        try {
            head.future().get(settings.resultTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // forwarded as a dead letter by forwardCompleted()
        } catch (CancellationException e) {
            throw new StreamsException("batcher for " + pipeline.task().configName() + " stopped", e);
        } catch (TimeoutException e) {
            throw new StreamsException(pipeline.task().configName() + ": no result for " + head.source().coordinates()
                    + " within " + settings.resultTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for a result", e);
        }
        if (isCancelled(head.future())) {
            throw new StreamsException("batcher for " + pipeline.task().configName() + " stopped");
        }
    }

    private static boolean isCancelled(CompletableFuture<?> future) {
        if (!future.isCompletedExceptionally()) {
            return false;
        }
        try {
            future.join();
            return false;
        } catch (CancellationException e) {
            return true;
        } catch (RuntimeException e) {
            return e.getCause() instanceof CancellationException;
        }
    }

    /** Work in flight stays in the pending store; whoever owns the task next submits it again. */
    @Override
    public void close() {
        if (inFlightGauge != null) {
            inFlightGauge.addAndGet(-inFlight.size());
        }
        inFlight.forEach(i -> {
            if (i.future() != null) {
                i.future().cancel(false);
            }
        });
        inFlight.clear();
    }
}
