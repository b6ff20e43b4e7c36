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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Supervision of the dynamic batcher on the real MobileNetV2: cancelled frames, dead workers, a model that fails every batch. */
class SupervisedBatcherTest {

    private static final long TIMEOUT_S = 60;
    private static final Supervision QUICK = new Supervision(2, Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofSeconds(1));

    private static VisionModel<ClassificationResult> mobileNet;
    private static RgbImage cat;

    private final VisionMetrics metrics = VisionMetrics.inMemory();
    private final List<DynamicBatcher<?>> batchers = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadModelAndFrame() throws Exception {
        mobileNet = (VisionModel<ClassificationResult>) SharedModels.get(VisionTask.CLASSIFICATION);
        cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
    }

    @AfterEach
    void closeBatchers() {
        batchers.forEach(DynamicBatcher::close);
    }

    @Test
    void skipsAFrameCancelledBeforeItsBatchRanInsteadOfComputingIt() throws Exception {
        // given a batcher waiting up to 300 ms for a batch of 4
        DynamicBatcher<ClassificationResult> batcher = batcher(mobileNet, 4, Duration.ofMillis(300), 1);
        // when the second of four frames is cancelled (its stream task revoked) right after it was submitted
        CompletableFuture<Inferred<ClassificationResult>> a = batcher.submit(cat);
        CompletableFuture<Inferred<ClassificationResult>> b = batcher.submit(cat);
        b.cancel(false);
        CompletableFuture<Inferred<ClassificationResult>> c = batcher.submit(cat);
        CompletableFuture<Inferred<ClassificationResult>> d = batcher.submit(cat);
        // then the other three run as one batch of 3 and the cancelled one is counted as skipped
        for (var f : List.of(a, c, d)) {
            Inferred<ClassificationResult> result = f.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(result.timing().batchSize()).isEqualTo(3);
            assertThat(result.result().topK().get(0).label()).isEqualTo("Egyptian cat");
        }
        assertThat(counter("vision.batch.cancelled.skipped")).isEqualTo(1.0);
        assertThat(metrics.registry().get("vision.batch.size").tag("model", modelName()).summary().totalAmount())
                .isEqualTo(3.0);
    }

    @Test
    void restartsAWorkerThatDiesWithBackoffAndCountsIt() throws Exception {
        // given a model whose first two predictors cannot be created
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingOnPoisonedFrames(mobileNet);
        model.failNextInferers(2);
        // when a one-worker batcher starts
        DynamicBatcher<ClassificationResult> batcher = batcher(model, 1, Duration.ZERO, 1);
        // then its worker is restarted until it gets a predictor, and serves frames
        await(batcher::isServing);
        assertThat(counter("vision.batcher.worker.restarts")).isEqualTo(2.0);
        assertThat(gauge("vision.batcher.workers.live")).isEqualTo(1.0);
        assertThat(batcher.submit(cat).get(TIMEOUT_S, TimeUnit.SECONDS).result().topK().get(0).label())
                .isEqualTo("Egyptian cat");
        assertThat(model.inferersCreated()).isEqualTo(1);
    }

    @Test
    void pausesAModelThatFailsEveryBatchWithoutBlamingTheFramesAndResumesWhenItRecovers() throws Exception {
        // given a model that fails every batch, paused after two such batches in a row
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingEveryBatch(mobileNet);
        DynamicBatcher<ClassificationResult> batcher = batcher(model, 4, Duration.ofMillis(5), 1);
        List<Boolean> pauseChanges = new java.util.concurrent.CopyOnWriteArrayList<>();
        batcher.onPauseChange(pauseChanges::add);
        await(batcher::isServing);
        // when two frames are submitted one after the other
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Inferred<ClassificationResult>> f = batcher.submit(cat);
            // then each fails as the model's fault (ModelUnavailableException), never as a per-frame error
            assertThatThrownBy(() -> f.get(TIMEOUT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ModelUnavailableException.class);
        }
        // and the model is paused: not serving, the gauge says so, new frames are refused at once, unrun
        assertThat(batcher.isPaused()).isTrue();
        assertThat(batcher.isServing()).isFalse();
        assertThat(gauge("vision.model.paused")).isEqualTo(1.0);
        int attempts = model.failedBatchSizes().size();
        assertThatThrownBy(() -> batcher.submit(cat).join()).hasCauseInstanceOf(ModelUnavailableException.class);
        assertThat(counter("vision.model.unavailable.frames")).isEqualTo(3.0);
        assertThat(metrics.registry().find("vision.batch.size").summaries()).isEmpty();
        // and it is probed again with backoff, failing while still broken
        await(() -> model.failedBatchSizes().size() > attempts);
        assertThat(batcher.isPaused()).isTrue();
        // when the model recovers, a probe finds it and frames are served again
        model.heal();
        await(batcher::isServing);
        assertThat(batcher.submit(cat).get(TIMEOUT_S, TimeUnit.SECONDS).result().topK().get(0).label())
                .isEqualTo("Egyptian cat");
        assertThat(gauge("vision.model.paused")).isZero();
        assertThat(pauseChanges).containsExactly(true, false);
    }

    @Test
    void stillBlamesAFrameThatFailsAloneWhenTheModelPassesItsProbe() throws Exception {
        // given a model that fails only poisoned frames, paused after one systemic failure
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingOnPoisonedFrames(mobileNet);
        DynamicBatcher<ClassificationResult> batcher = batcher(model, 4, Duration.ofMillis(5), 1,
                new Supervision(1, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1)));
        // when poisoned frames keep arriving alone
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Inferred<ClassificationResult>> f = batcher.submit(FaultInjectingModel.poison(cat));
            // then each is the frame's own failure (its dead letter), and the model is never paused
            assertThatThrownBy(() -> f.get(TIMEOUT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(io.visionstreams.inference.InferenceException.class);
        }
        assertThat(batcher.isPaused()).isFalse();
        assertThat(metrics.registry().find("vision.model.unavailable.frames").counters()).isEmpty();
    }

    private <R> DynamicBatcher<R> batcher(VisionModel<R> model, int maxBatchSize, Duration delay, int workers) {
        return batcher(model, maxBatchSize, delay, workers, QUICK);
    }

    private <R> DynamicBatcher<R> batcher(VisionModel<R> model, int maxBatchSize, Duration delay, int workers,
                                          Supervision supervision) {
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, maxBatchSize, delay, workers, metrics,
                InferencePermits.of(1), supervision);
        batchers.add(batcher);
        return batcher;
    }

    private double counter(String name) {
        return metrics.registry().get(name).tag("model", modelName()).counter().count();
    }

    private double gauge(String name) {
        return metrics.registry().get(name).tag("model", modelName()).gauge().value();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within %d s", TIMEOUT_S).isTrue();
    }

    private static String modelName() {
        return mobileNet.info().name();
    }
}
