package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
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
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Serdes.LongSerde;
import org.apache.kafka.common.serialization.Serdes.ByteArraySerde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a stream task restored from its changelog does with the pending entries it finds (crash,
 * migration): the {@link FrameProcessor} on Kafka Streams' {@link MockProcessorContext}, its pending
 * store holding what a first owner left (e0 and e1 answered by classification only), the input log
 * played by a {@link SourceRecordReader} (records present, records gone below the log start offset, a
 * read that times out), and the real models for detection.
 */
class ResubmissionTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String TOPIC = "vision.image-events";
    private static final TagLabel CAT = new TagLabel("classification", "Egyptian cat", 285, 0.81f, null, null);

    // the frame processor alone: with tracking off its children are the sinks themselves
    private final VisionConfig config = VisionConfig.from(Map.of("vision.tasks", "classification,detection",
            "vision.tracking.enabled", "false"));
    private final Map<VisionTask, DynamicBatcher<?>> batchers = new EnumMap<>(VisionTask.class);
    private final Map<Long, byte[]> log = new HashMap<>();
    private MockProcessorContext<byte[], byte[]> context;
    private FrameProcessor processor;

    @AfterEach
    void close() {
        if (processor != null) {
            processor.close();
        }
        batchers.values().forEach(DynamicBatcher::close);
    }

    @Test
    void submitsRestoredFramesOnlyToTheTasksThatHadNotAnsweredAndDeadLettersThoseGoneFromTheLog() throws Exception {
        // given entries for e0 (still in the input log) and e1 (expired since: below the log start offset)
        AtomicInteger reads = new AtomicInteger();
        restore((partition, offsets, timeout) -> {
            reads.incrementAndGet();
            return new SourceRecordReader.ReadBack(found(Set.of(0L)), Set.of(1L));
        });
        // when the stream task runs
        awaitUntil(() -> forwarded(Names.TAGS_SINK).size() == 2);
        // then e0 got its detection, e1 a FETCH/SOURCE_RECORD_GONE dead letter for detection only
        List<Detections> detections = decode(forwarded(TaskSpecs.of(VisionTask.DETECTION).resultsSink()),
                Serdes.DETECTIONS::decode);
        assertThat(detections).extracting(Detections::getEventId).containsExactly("e0");
        List<DeadLetter> letters = decode(forwarded(Names.DEAD_LETTERS_SINK), Serdes.DEAD_LETTER::decode);
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.getStage()).isEqualTo(Stage.FETCH);
            assertThat(d.getReason()).isEqualTo("SOURCE_RECORD_GONE");
            assertThat(d.getSourceTopic()).isEqualTo(TOPIC);
            assertThat(d.getOffset()).isEqualTo(1L);
            assertThat(d.getTask()).isEqualTo("detection");
        });
        // and classification, answered before the restart, is not repeated
        assertThat(forwarded(TaskSpecs.of(VisionTask.CLASSIFICATION).resultsSink())).isEmpty();
        // and each event's Tags join the answer from before the restart with the one after
        List<Tags> tags = decode(forwarded(Names.TAGS_SINK), Serdes.TAGS::decode);
        assertThat(tags).extracting(Tags::getEventId).containsExactly("e0", "e1");
        assertThat(tags.get(0).getTasks()).containsExactly("classification", "detection");
        assertThat(tags.get(0).getLabels()).contains(CAT);
        assertThat(tags.get(0).getLabels()).extracting(TagLabel::getTask).contains("detection");
        assertThat(tags.get(1).getTasks()).containsExactly("classification");
        assertThat(tags.get(1).getDeadLettered()).containsExactly("detection");
        // and the store is empty, after a single read of the log
        assertThat(pendingOffsets()).isEmpty();
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aReadBackThatTimesOutIsRetriedNotDeadLettered() throws Exception {
        // given a log whose first read-back gets nothing in time, the second everything
        AtomicInteger reads = new AtomicInteger();
        restore((partition, offsets, timeout) -> reads.incrementAndGet() == 1
                ? new SourceRecordReader.ReadBack(Map.of(), Set.of())
                : new SourceRecordReader.ReadBack(found(Set.of(0L, 1L)), Set.of()));
        // when the stream task runs
        awaitUntil(() -> forwarded(Names.TAGS_SINK).size() == 2);
        // then both got their detection after a second read, and nothing became a dead letter
        assertThat(reads.get()).isEqualTo(2);
        assertThat(forwarded(TaskSpecs.of(VisionTask.DETECTION).resultsSink())).hasSize(2);
        assertThat(forwarded(Names.DEAD_LETTERS_SINK)).isEmpty();
        assertThat(pendingOffsets()).isEmpty();
    }

    /** The store as a first owner left it: e0 (cat) and e1 (owl) answered by classification, not by detection. */
    private void restore(SourceRecordReader reader) throws Exception {
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
            byte[] contribution = TagsJoin.contribution(event, "classification",
                    offset == 0 ? List.of(CAT) : List.of(), SharedModels.get(VisionTask.CLASSIFICATION).info());
            store.put(offset, PendingFrames.encode(TOPIC, 0, offset, CAPTURED.toEpochMilli(),
                    Map.of("classification", contribution)));
        }
        for (VisionTask task : config.tasks()) {
            batchers.put(task, batcher(SharedModels.get(task)));
        }
        processor = new FrameProcessor(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return new TaskPipeline<>(task, (DynamicBatcher<R>) batchers.get(task), TaskSpecs.<R>of(task).encoder());
            }
        }, TaskSpecs.of(config.tasks()), Wiring.frameLoader(config), new FramePool(2, 1L << 30),
                (configs, applicationId) -> reader, VisionMetrics.inMemory());
        processor.init(context);
    }

    private <R> DynamicBatcher<R> batcher(VisionModel<R> model) {
        return new DynamicBatcher<>(model, 8, Duration.ofMillis(5), 1, VisionMetrics.inMemory());
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

    private List<Long> pendingOffsets() {
        List<Long> out = new ArrayList<>();
        KeyValueStore<Long, byte[]> store = context.getStateStore(Names.PENDING_STORE);
        try (var it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(byte[] bytes) throws IOException;
    }

    private static <T> List<T> decode(List<byte[]> values, Decoder<T> decoder) throws IOException {
        List<T> out = new ArrayList<>();
        for (byte[] v : values) {
            out.add(decoder.decode(v));
        }
        return out;
    }
}
