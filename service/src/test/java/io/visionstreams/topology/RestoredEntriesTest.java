package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.internal.TaskAnswer;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.PendingFrames;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serdes.ByteArraySerde;
import org.apache.kafka.common.serialization.Serdes.LongSerde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Orders of events around a restore that a review found unsafe (issue 16, findings 4 and 5), on the
 * {@link FrameProcessor} in Kafka Streams' {@link MockProcessorContext}: its pending store holding
 * what a first owner left (e0 and e1 answered by classification only), the input log played by a
 * {@link SourceRecordReader}, the real models (detection slowed down where the order matters).
 */
class RestoredEntriesTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String TOPIC = "vision.image-events";

    private final Map<VisionTask, DynamicBatcher<?>> batchers = new EnumMap<>(VisionTask.class);
    private final Map<Long, byte[]> log = new HashMap<>();
    private final VisionMetrics metrics = VisionMetrics.inMemory();
    private final FramePool pool = new FramePool(2, 1L << 30);
    private MockProcessorContext<byte[], byte[]> context;
    private FrameProcessor processor;

    @AfterEach
    void close() {
        if (processor != null) {
            processor.close();
        }
        batchers.values().forEach(DynamicBatcher::close);
    }

    /** Finding 5: a dead letter forwarded for a task must be in the store in the same step, and in that task's order. */
    @Test
    void aPartlyAnsweredEventWhoseRecordIsGoneIsDeadLetteredInTaskOrderAndRecordedAsAnswered() throws Exception {
        // given e0 (still in the log) and e1 (gone from it), both answered by classification; detection is slow
        FaultInjectingModel<?> slowDetection = FaultInjectingModel.failingOnPoisonedFrames(
                SharedModels.get(VisionTask.DETECTION));
        slowDetection.slowEveryBatchBy(Duration.ofMillis(1500));
        restore(Map.of("vision.tasks", "classification,detection"), slowDetection,
                (partition, offsets, timeout) -> new SourceRecordReader.ReadBack(found(Set.of(0L)), Set.of(1L)));
        // when the stream task runs until e1's detection dead letter is forwarded
        List<String> detectionsWhenLettered = new ArrayList<>();
        List<Long> unansweredWhenLettered = new ArrayList<>();
        awaitUntil(() -> {
            if (!forwarded(Names.DEAD_LETTERS_SINK).isEmpty() && detectionsWhenLettered.isEmpty()
                    && unansweredWhenLettered.isEmpty()) {
                detectionsWhenLettered.add(forwarded(TaskSpecs.of(VisionTask.DETECTION).resultsSink()).size() + "");
                unansweredWhenLettered.addAll(pendingWithout("detection"));
            }
            return forwarded(Names.TAGS_SINK).size() == 2;
        });
        // then e0's detection had been forwarded before it (detection's input order)
        assertThat(detectionsWhenLettered).as("detection results forwarded when e1's detection dead letter was")
                .containsExactly("1");
        // and in the same step the store stopped listing e1 as waiting for detection (no second dead letter after a crash)
        assertThat(unansweredWhenLettered).as("offsets still waiting for detection in the store").doesNotContain(1L);
        List<DeadLetter> letters = new ArrayList<>();
        for (byte[] v : forwarded(Names.DEAD_LETTERS_SINK)) {
            letters.add(Serdes.DEAD_LETTER.decode(v));
        }
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.getOffset()).isEqualTo(1L);
            assertThat(d.getTask()).isEqualTo("detection");
        });
        assertThat(pendingWithout("detection")).isEmpty();
    }

    /** Finding 4: under at_least_once a restored offset is consumed again; its budget and in-flight count must not leak. */
    @Test
    void aRestoredOffsetConsumedAgainUnderAtLeastOnceLeaksNoBudgetAndIsAnsweredOnce() throws Exception {
        // given e0 and e1 restored, whose read-back is slow, under at_least_once
        CountDownLatch readMayReturn = new CountDownLatch(1);
        restore(Map.of("vision.tasks", "classification,detection", "processing.guarantee", "at_least_once"),
                SharedModels.get(VisionTask.DETECTION), (partition, offsets, timeout) -> {
                    try {
                        readMayReturn.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new SourceRecordReader.ReadBack(found(Set.of(0L, 1L)), Set.of());
                });
        // when the uncommitted input is consumed again, and only then the read-back returns
        for (long offset = 0; offset < 2; offset++) {
            context.setRecordMetadata(TOPIC, 0, offset);
            processor.process(new Record<>("cam".getBytes(StandardCharsets.UTF_8), log.get(offset),
                    CAPTURED.toEpochMilli()));
        }
        readMayReturn.countDown();
        awaitUntil(() -> forwarded(Names.TAGS_SINK).size() >= 2 && pool.budget().held() == 0
                && metrics.inFlightTotal() == 0);
        Thread.sleep(500); // a late read-back of a replaced entry would hold budget now
        // then each event got one detection, classification (answered before) was not repeated
        List<String> detections = new ArrayList<>();
        for (byte[] v : forwarded(TaskSpecs.of(VisionTask.DETECTION).resultsSink())) {
            detections.add(Serdes.DETECTIONS.decode(v).getEventId());
        }
        assertThat(detections).containsExactly("e0", "e1");
        assertThat(forwarded(TaskSpecs.of(VisionTask.CLASSIFICATION).resultsSink())).isEmpty();
        // and nothing is held: no budget, no frame counted in flight, no entry
        assertThat(pool.budget().held()).as("budget held").isZero();
        assertThat(metrics.inFlightTotal()).as("frames in flight").isZero();
        assertThat(pendingWithout("detection")).isEmpty();
        processor.close();
        processor = null;
        assertThat(pool.budget().held()).as("budget held after close").isZero();
    }

    /** Raw records alone filling the byte budget must not stop every load: one still starts, and its event completes. */
    @Test
    void recordsWhoseRawBytesAloneFillTheBudgetAreStillLoadedOneAtATime() throws Exception {
        // given a budget smaller than two consumed records (nothing restored: the reader is never asked)
        FramePool tiny = new FramePool(2, 1000);
        VisionConfig config = VisionConfig.from(Map.of("vision.tasks", "classification"));
        context = new MockProcessorContext<>(config.streamsProperties());
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.PENDING_STORE), new LongSerde(), new ByteArraySerde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        batchers.put(VisionTask.CLASSIFICATION, batcher(SharedModels.get(VisionTask.CLASSIFICATION)));
        processor = new FrameProcessor(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return new TaskPipeline<>(task, (DynamicBatcher<R>) batchers.get(task), TaskSpecs.<R>of(task).encoder());
            }
        }, TaskSpecs.of(config.tasks()), Wiring.frameLoader(config), tiny, (configs, applicationId) -> (partition, offsets, timeout) ->
                new SourceRecordReader.ReadBack(Map.of(), Set.of()), metrics);
        processor.init(context);
        // when three events arrive
        String[] images = {"cat.bmp", "owl.jpg", "parrot.jpg"};
        for (int i = 0; i < images.length; i++) {
            context.setRecordMetadata(TOPIC, 0, i);
            processor.process(new Record<>("cam".getBytes(StandardCharsets.UTF_8), Serdes.IMAGE_EVENT.encode(
                    ImageEvent.newBuilder().setEventId("e" + i).setSourceId("cam").setCapturedAt(CAPTURED)
                            .setImage(ByteBuffer.wrap(SampleImages.bytes(images[i]))).setAttributes(Map.of()).build()),
                    CAPTURED.toEpochMilli()));
        }
        // then each is classified, and nothing is held once they are
        awaitUntil(() -> forwarded(TaskSpecs.of(VisionTask.CLASSIFICATION).resultsSink()).size() == 3);
        assertThat(tiny.budget().held()).isZero();
    }

    /** The store as a first owner left it: e0 (cat) and e1 (owl) answered by classification only. */
    private void restore(Map<String, String> settings, VisionModel<?> detection, SourceRecordReader reader)
            throws Exception {
        VisionConfig config = VisionConfig.from(settings);
        context = new MockProcessorContext<>(config.streamsProperties());
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.PENDING_STORE), new LongSerde(), new ByteArraySerde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        String[] images = {"cat.bmp", "owl.jpg"};
        for (long offset = 0; offset < 2; offset++) {
            ImageEvent event = ImageEvent.newBuilder().setEventId("e" + offset).setSourceId("cam").setCapturedAt(CAPTURED)
                    .setImage(ByteBuffer.wrap(SampleImages.bytes(images[(int) offset]))).setAttributes(Map.of()).build();
            log.put(offset, Serdes.IMAGE_EVENT.encode(event));
            byte[] contribution = TagsJoin.contribution(event, "classification", List.of(),
                    SharedModels.get(VisionTask.CLASSIFICATION).info());
            store.put(offset, PendingFrames.encode(TOPIC, 0, offset, CAPTURED.toEpochMilli(),
                    Map.of("classification", contribution)));
        }
        batchers.put(VisionTask.CLASSIFICATION, batcher(SharedModels.get(VisionTask.CLASSIFICATION)));
        batchers.put(VisionTask.DETECTION, batcher(detection));
        processor = new FrameProcessor(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return new TaskPipeline<>(task, (DynamicBatcher<R>) batchers.get(task), TaskSpecs.<R>of(task).encoder());
            }
        }, TaskSpecs.of(config.tasks()), Wiring.frameLoader(config), pool, (configs, applicationId) -> reader, metrics);
        processor.init(context);
    }

    private <R> DynamicBatcher<R> batcher(VisionModel<R> model) {
        return new DynamicBatcher<>(model, 8, Duration.ofMillis(5), 1, metrics);
    }

    private Map<Long, SourceRecord> found(Set<Long> present) {
        Map<Long, SourceRecord> out = new HashMap<>();
        for (long offset : present) {
            out.put(offset, new SourceRecord(TOPIC, 0, offset, CAPTURED.toEpochMilli(),
                    "cam".getBytes(StandardCharsets.UTF_8), log.get(offset), List.of()));
        }
        return out;
    }

    /** Fires the forwarding punctuator every 10 ms until {@code done}, for at most 60 s. */
    private void awaitUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
            Thread.sleep(10);
        }
        assertThat(done.getAsBoolean()).as("expected within 60 s").isTrue();
    }

    private List<byte[]> forwarded(String child) {
        List<byte[]> out = new ArrayList<>();
        context.forwarded(child).forEach(f -> out.add((byte[]) f.record().value()));
        return out;
    }

    /** Offsets in the pending store whose entry does not list {@code task} as answered. */
    private List<Long> pendingWithout(String task) {
        List<Long> out = new ArrayList<>();
        KeyValueStore<Long, byte[]> store = context.getStateStore(Names.PENDING_STORE);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (PendingFrames.decode(kv.value).getAnswered().stream().map(TaskAnswer::getTask)
                        .noneMatch(task::equals)) {
                    out.add(kv.key);
                }
            });
        }
        return out;
    }
}
