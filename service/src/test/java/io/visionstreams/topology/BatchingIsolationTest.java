package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Stage;
import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.TopologyHarness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure isolation and flow control of the batching inference processors, on the real models
 * ({@link TopologyHarness}: TopologyTestDriver, wall-clock time advanced to fire the forwarding punctuator). Event
 * {@code e<i>} is input offset {@code i}.
 */
class BatchingIsolationTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final List<String> IMAGES = SampleImages.FIVE;

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private FaultInjectingModel<?> failingClassifier;
    private VisionConfig config;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void deadLettersOnlyThePoisonedFrameForItsFailingTaskWhileItsBatchmatesAndOtherTasksGetResults() throws Exception {
        // given classification (failing on poisoned frames) and detection, batching 4 frames
        start("classification,detection",
                Map.of("vision.batch.max-size", "4", "vision.batch.max-queue-delay-ms", "5000"), true);
        // when four events arrive together, the second one poisoned
        send(0, "cat.bmp");
        byte[] poisonedValue = harness.event("e1", "cam", poisonedPng("bird.bmp"));
        Headers headers = new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        harness.pipe("cam", poisonedValue, headers);
        send(2, "hot_dog.jpg");
        send(3, "owl.jpg");
        String classifications = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        String detections = config.topics().resultsFor(VisionTask.DETECTION);
        harness.awaitUntil(
                () -> harness.received(classifications).size() == 3 && harness.received(detections).size() == 4);
        // then the batch of 4 failed and was retried alone: only the poisoned frame lost its classification
        assertThat(failingClassifier.failedBatchSizes()).containsExactly(4, 1);
        List<Classification> classified = harness.received(classifications, Serdes.CLASSIFICATION);
        assertThat(classified).extracting(c -> c.getEventId()).containsExactly("e0", "e2", "e3");
        assertThat(classified.get(0).getTopK().get(0).getLabel()).isEqualTo("Egyptian cat");
        assertThat(classified).allSatisfy(c -> assertThat(c.getTiming().getBatchSize()).isEqualTo(1));
        // and detection, unaffected, ran them as one batch and found the bird in the poisoned frame
        List<Detections> detected = harness.received(detections, Serdes.DETECTIONS);
        assertThat(detected).extracting(d -> d.getEventId()).containsExactly("e0", "e1", "e2", "e3");
        assertThat(detected).allSatisfy(d -> assertThat(d.getTiming().getBatchSize()).isEqualTo(4));
        assertThat(detected.get(1).getObjects()).extracting(o -> o.getLabel()).contains("bird");
        // and exactly one dead letter, traceable and replayable
        List<TestRecord<byte[], byte[]>> dead = harness.received(config.topics().deadLetters());
        assertThat(dead).hasSize(1);
        DeadLetter letter = Serdes.DEAD_LETTER.decode(dead.get(0).value());
        assertThat(letter.getStage()).isEqualTo(Stage.INFERENCE);
        assertThat(letter.getReason()).isEqualTo("MODEL_ERROR");
        assertThat(letter.getTask()).isEqualTo("classification");
        assertThat(letter.getEventId()).isEqualTo("e1");
        assertThat(letter.getMessage()).contains("poisoned");
        assertThat(letter.getSourceTopic()).isEqualTo(config.topics().imageEvents());
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isEqualTo(1L);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(poisonedValue);
        assertThat(bytes(letter.getOriginalKey())).isEqualTo("cam".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.getHeaders()).singleElement().satisfies(h -> assertThat(h.getKey()).isEqualTo("trace"));
        assertThat(dead.get(0).key()).isEqualTo("cam".getBytes(StandardCharsets.UTF_8));
        // and nothing is left pending, and the meters tell the same story
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.DETECTION)).isEmpty();
        assertMeters(Map.of("classification", 3, "detection", 4));
        var registry = harness.metrics().registry();
        assertThat(registry.get("vision.dead.letters").tags("stage", "INFERENCE", "reason", "MODEL_ERROR",
                "task", "classification").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("vision.dead.letters").counters()).hasSize(1);
        String mobileNet = model(VisionTask.CLASSIFICATION);
        assertThat(registry.get("vision.batch.size").tag("model", mobileNet).summary().count())
                .as("the three single-frame retries; the failed batch produced nothing").isEqualTo(3);
        assertThat(registry.get("vision.batch.size").tag("model", model(VisionTask.DETECTION)).summary().max())
                .isEqualTo(4.0);
    }

    @Test
    void backPressureMakesProcessWaitSoEveryResultArrivesInOrderWithoutDrops() throws Exception {
        // given at most 2 frames in flight per task
        start("classification", Map.of("vision.batch.max-size", "2", "vision.batch.max-in-flight", "2"), false);
        String classifications = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        // when 10 events are piped without letting wall-clock time pass
        for (int i = 0; i < 10; i++) {
            send(i, IMAGES.get(i % IMAGES.size()));
            // then process() returned only once fewer than 2 frames were in flight
            assertThat(inFlight("classification")).isLessThanOrEqualTo(1);
        }
        assertThat(harness.received(classifications)).as("forwarded by process() itself while it waited")
                .hasSizeGreaterThanOrEqualTo(9);
        harness.awaitUntil(() -> harness.received(classifications).size() == 10);
        // and every result arrived, in input order
        assertThat(harness.received(classifications, Serdes.CLASSIFICATION)).extracting(c -> c.getEventId())
                .containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(harness.received(config.topics().deadLetters())).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).isEmpty();
        assertMeters(Map.of("classification", 10));
    }

    @Test
    void keepsAPendingEntryForEveryFrameNotYetForwardedAndNoneOnceAllAre() throws Exception {
        // given classification with the default batching
        start("classification", Map.of(), false);
        String classifications = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        // when three events are piped and no wall-clock time passes
        for (int i = 0; i < 3; i++) {
            send(i, IMAGES.get(i));
        }
        // then each is either forwarded or pending (coordinates only), never both, never neither
        Set<Long> pending = harness.pendingOffsets(VisionTask.CLASSIFICATION);
        Set<Long> forwarded = new TreeSet<>();
        for (Classification c : harness.received(classifications, Serdes.CLASSIFICATION)) {
            forwarded.add(Long.parseLong(c.getEventId().substring(1)));
        }
        assertThat(pending).contains(2L);
        assertThat(forwarded).noneMatch(pending::contains);
        Set<Long> all = new TreeSet<>(pending);
        all.addAll(forwarded);
        assertThat(all).containsExactly(0L, 1L, 2L);
        PendingFrame entry = harness.pendingEntry(VisionTask.CLASSIFICATION, 2L);
        assertThat(entry.getTopic()).isEqualTo(config.topics().imageEvents());
        assertThat(entry.getOffset()).isEqualTo(2L);
        assertThat(entry.getTimestamp()).isEqualTo(CAPTURED.toEpochMilli());
        // and once every result is forwarded the store is empty
        harness.awaitUntil(() -> harness.received(classifications).size() == 3);
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).isEmpty();
        assertMeters(Map.of("classification", 3));
    }

    @Test
    void leavesFramesPendingAndFailsTheTaskWhenItsBatcherHasStoppedNeverDeadLetteringThem() throws Exception {
        // given a task whose first event got its result
        start("classification", Map.of("vision.batch.max-size", "2", "vision.batch.max-in-flight", "2"), false);
        String classifications = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        send(0, "cat.bmp");
        harness.awaitUntil(() -> harness.received(classifications).size() == 1);
        // when the batcher stops (shutdown) and more events arrive
        harness.batcher(VisionTask.CLASSIFICATION).close();
        send(1, "parrot.jpg");
        harness.advance(Duration.ofMillis(50));
        // then the cancelled frame is neither a result nor a dead letter: it stays pending for the next owner
        assertThat(harness.received(classifications)).hasSize(1);
        assertThat(harness.received(config.topics().deadLetters())).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).containsExactly(1L);
        // and at the in-flight bound the task fails instead of waiting forever or dropping the frames
        assertThatThrownBy(() -> send(2, "hot_dog.jpg")).isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(CancellationException.class);
        assertThat(harness.received(config.topics().deadLetters())).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).containsExactly(1L, 2L);
        // and closing the task hands its in-flight count back
        harness.closeDriver();
        assertThat(inFlight("classification")).isZero();
    }

    private void start(String tasks, Map<String, String> batching, boolean classifierFailsOnPoison) throws Exception {
        Map<String, String> settings = new HashMap<>(batching);
        settings.put("vision.tasks", tasks);
        Map<VisionTask, VisionModel<?>> models = new HashMap<>();
        if (classifierFailsOnPoison) {
            failingClassifier =
                    FaultInjectingModel.failingOnPoisonedFrames(SharedModels.get(VisionTask.CLASSIFICATION));
            models.put(VisionTask.CLASSIFICATION, failingClassifier);
        }
        harness = new TopologyHarness(stateDir, CAPTURED, settings, models);
        config = harness.config();
    }

    private void send(int i, String image) throws IOException {
        harness.send("e" + i, "cam", SampleImages.bytes(image));
    }

    private static byte[] poisonedPng(String image) throws Exception {
        return FaultInjectingModel.png(FaultInjectingModel.poison(new ImageDecoder().decode(SampleImages.bytes(image))));
    }

    /** Results and end-to-end latency per task; the in-flight gauge back to 0; batch meters per model. */
    private void assertMeters(Map<String, Integer> resultsPerTask) throws Exception {
        var registry = harness.metrics().registry();
        for (var expected : resultsPerTask.entrySet()) {
            String task = expected.getKey();
            assertThat(registry.get("vision.results").tag("task", task).counter().count())
                    .isEqualTo(expected.getValue().doubleValue());
            var latency = registry.get("vision.end.to.end.latency").tag("task", task).timer();
            assertThat(latency.count()).isEqualTo(expected.getValue().longValue());
            assertThat(latency.max(TimeUnit.MILLISECONDS)).isPositive();
            assertThat(inFlight(task)).as("frames in flight for " + task).isZero();
            String model = model(VisionTask.fromConfigName(task));
            var batches = registry.get("vision.batch.size").tag("model", model).summary();
            assertThat(registry.get("vision.inference.duration").tag("model", model).timer().count())
                    .isEqualTo(batches.count());
            assertThat(registry.get("vision.batch.queue.delay").tag("model", model).timer().count())
                    .isEqualTo((long) batches.totalAmount());
        }
    }

    private double inFlight(String task) {
        return harness.metrics().registry().get("vision.inflight.frames").tag("task", task).gauge().value();
    }

    private static String model(VisionTask task) throws Exception {
        return SharedModels.get(task).info().name();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
