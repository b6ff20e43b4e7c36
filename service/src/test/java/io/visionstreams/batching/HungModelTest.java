package io.visionstreams.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, finding 6: a model that hangs (no failure, no answer) on the real MobileNetV2 wrapped by
 * {@link FaultInjectingModel}. Its batch passes the per-batch inference deadline: the frames are
 * handed back as the model's fault (kept pending by their tasks, never dead-lettered), the batcher
 * stops serving (readiness 503) and {@code vision.model.hung} says so, until the batch returns.
 */
class HungModelTest {

    @Test
    @SuppressWarnings("unchecked")
    void aBatchPastItsDeadlineMakesTheModelHungAndHandsItsFramesBackUntilItReturns() throws Exception {
        // given a classifier whose batches hang, with a 500 ms inference deadline
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingOnPoisonedFrames(
                (VisionModel<ClassificationResult>) SharedModels.get(VisionTask.CLASSIFICATION));
        RgbImage cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
        VisionMetrics metrics = VisionMetrics.inMemory();
        try (DynamicBatcher<ClassificationResult> batcher = new DynamicBatcher<>(model, 4, Duration.ofMillis(5), 1,
                metrics, InferencePermits.unlimited(), new Supervision(3, Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(500)))) {
            await(batcher::isServing);
            model.hangEveryBatch();
            // when a frame is submitted
            CompletableFuture<Inferred<ClassificationResult>> f = batcher.submit(cat);
            // then past the deadline it completes as the model's fault, and the model is hung, not serving
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ModelUnavailableException.class).hasMessageContaining("inference deadline");
            await(batcher::isHung);
            assertThat(batcher.isServing()).isFalse();
            assertThat(metrics.registry().get("vision.model.hung").tag("model", model.info().name()).gauge().value())
                    .isEqualTo(1.0);
            // when the model answers again
            model.heal();
            await(() -> !batcher.isHung());
            // then it serves and a frame gets its result
            assertThat(batcher.isServing()).isTrue();
            assertThat(metrics.registry().get("vision.model.hung").tag("model", model.info().name()).gauge().value())
                    .isZero();
            assertThat(batcher.submit(cat).get(30, TimeUnit.SECONDS).result().topK().get(0).label())
                    .isEqualTo("Egyptian cat");
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 30 s").isTrue();
    }
}
