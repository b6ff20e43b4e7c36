package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Stage;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.DeepExifPng;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, finding 1, in the whole topology ({@link TopologyHarness}, real models): a Throwable that
 * is not an Exception, out of one frame's inference or out of decoding one image, ends as that
 * input's dead letter; the other frames of its batch and the next inputs of the partition are
 * answered, and nothing stays pending. Event {@code e<i>} is input offset {@code i}.
 */
class ThrowablesBecomeDeadLettersTest {

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
    void aStackOverflowErrorFromOneFramesInferenceIsItsDeadLetterAndTheRestOfItsBatchIsAnswered() throws Exception {
        // given a classifier that throws StackOverflowError for a poisoned frame, batching three frames together
        FaultInjectingModel<?> model = FaultInjectingModel.throwingOnPoisonedFrames(
                SharedModels.get(VisionTask.CLASSIFICATION), StackOverflowError::new);
        harness = new TopologyHarness(stateDir, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Map.of("vision.tasks", "classification", "vision.batch.max-size", "4",
                        "vision.batch.max-queue-delay-ms", "300"),
                Map.<VisionTask, VisionModel<?>>of(VisionTask.CLASSIFICATION, model));
        VisionConfig config = harness.config();
        // when a clean, a poisoned and a clean frame arrive
        harness.send("e0", "cam", SampleImages.bytes("cat.bmp"));
        harness.send("e1", "cam", FaultInjectingModel.png(FaultInjectingModel.poison(
                new ImageDecoder().decode(SampleImages.bytes("owl.jpg")))));
        harness.send("e2", "cam", SampleImages.bytes("parrot.jpg"));
        harness.awaitUntil(() -> harness.received(config.topics().resultsFor(VisionTask.CLASSIFICATION)).size() == 2
                && harness.received(config.topics().deadLetters()).size() == 1);
        // then the poisoned frame alone is an INFERENCE dead letter naming the Error
        List<DeadLetter> letters = harness.received(config.topics().deadLetters(), Serdes.DEAD_LETTER);
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.getOffset()).isEqualTo(1L);
            assertThat(d.getStage()).isEqualTo(Stage.INFERENCE);
            assertThat(d.getReason()).isEqualTo("MODEL_ERROR");
            assertThat(d.getTask()).isEqualTo("classification");
            assertThat(d.getMessage()).contains("StackOverflowError");
        });
        // and the Error did hit a batch holding the poisoned frame, and nothing is left pending
        assertThat(model.failedBatchSizes()).isNotEmpty();
        assertThat(harness.pendingOffsets()).isEmpty();
        assertThat(harness.metrics().inFlightTotal()).isZero();
    }

    @Test
    void aPngWhoseExifChainOverflowsTheStackIsOneDecodeDeadLetterAndTheNextImagesAreClassified() throws Exception {
        // given a 900 KB PNG chaining 50,000 EXIF IFDs, then two sample images, on one partition
        harness = new TopologyHarness(stateDir, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Map.of("vision.tasks", "classification"));
        VisionConfig config = harness.config();
        byte[] deep = DeepExifPng.png(50_000);
        assertThat(deep.length).isGreaterThan(850_000);
        harness.send("e0", "cam", deep);
        harness.send("e1", "cam", SampleImages.bytes("cat.bmp"));
        harness.send("e2", "cam", SampleImages.bytes("owl.jpg"));
        // when the stream task runs
        String results = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        harness.awaitUntil(() -> harness.received(results).size() + harness.received(config.topics().deadLetters())
                .size() >= 3);
        // then the deep PNG is exactly one DECODE dead letter, and the images behind it were classified
        assertThat(harness.received(results)).hasSize(2);
        List<DeadLetter> letters = harness.received(config.topics().deadLetters(), Serdes.DEAD_LETTER);
        assertThat(letters).singleElement().satisfies(d -> {
            assertThat(d.getOffset()).isZero();
            assertThat(d.getStage()).isEqualTo(Stage.DECODE);
            assertThat(d.getEventId()).isEqualTo("e0");
        });
        assertThat(harness.pendingOffsets()).isEmpty();
    }
}
