package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.Classification;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that fails every batch, in the whole topology ({@link TopologyHarness}, real models, the
 * classifier wrapped by {@link FaultInjectingModel}): its task stops, nothing is dead-lettered, and it
 * resumes when the model recovers. Event {@code e<i>} is input offset {@code i}.
 */
class ModelUnavailableTest {

    private static final List<String> IMAGES = SampleImages.FIVE;

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aModelFailingEveryBatchStopsItsTaskWithoutDeadLettersAndResumesWhenItRecovers() throws Exception {
        // given classification on a model that fails every batch, and detection on a healthy one
        FaultInjectingModel<?> broken = FaultInjectingModel.failingEveryBatch(SharedModels.get(VisionTask.CLASSIFICATION));
        harness = new TopologyHarness(stateDir, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Map.of("vision.tasks", "classification,detection", "vision.batch.max-size", "1"),
                Map.<VisionTask, VisionModel<?>>of(VisionTask.CLASSIFICATION, broken));
        VisionConfig config = harness.config();
        String classifications = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        String detections = config.topics().resultsFor(VisionTask.DETECTION);
        // when five events arrive
        for (int i = 0; i < IMAGES.size(); i++) {
            harness.send("e" + i, "cam", SampleImages.bytes(IMAGES.get(i)));
        }
        harness.awaitUntil(() -> harness.received(detections).size() == IMAGES.size()
                && harness.batcher(VisionTask.CLASSIFICATION).isPaused());
        harness.advance(Duration.ofMillis(200));
        // then the classifier is paused (not serving: readiness is false), and the gauge says so
        String mobileNet = broken.info().name();
        var registry = harness.metrics().registry();
        assertThat(harness.batcher(VisionTask.CLASSIFICATION).isServing()).isFalse();
        assertThat(registry.get("vision.model.paused").tag("model", mobileNet).gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("vision.model.unavailable.frames").tag("model", mobileNet).counter().count())
                .isGreaterThanOrEqualTo(3.0);
        // and its task made no progress: no result, no dead letter, every frame still pending
        assertThat(harness.received(classifications)).isEmpty();
        assertThat(harness.received(config.topics().deadLetters())).isEmpty();
        assertThat(registry.find("vision.dead.letters").counters()).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).containsExactly(0L, 1L, 2L, 3L, 4L);
        // while the other task, on a healthy model, published every result
        assertThat(harness.pendingOffsets(VisionTask.DETECTION)).isEmpty();
        // when the model recovers
        broken.heal();
        harness.awaitUntil(() -> harness.received(classifications).size() == IMAGES.size());
        // then a probe finds it, the pending frames are submitted again and published in input order
        List<Classification> classified = harness.received(classifications, Serdes.CLASSIFICATION);
        assertThat(classified).extracting(c -> c.getEventId()).containsExactly("e0", "e1", "e2", "e3", "e4");
        assertThat(classified.get(0).getTopK().get(0).getLabel()).isEqualTo("Egyptian cat");
        assertThat(harness.received(config.topics().deadLetters())).isEmpty();
        assertThat(harness.pendingOffsets(VisionTask.CLASSIFICATION)).isEmpty();
        assertThat(registry.get("vision.model.paused").tag("model", mobileNet).gauge().value()).isZero();
    }
}
