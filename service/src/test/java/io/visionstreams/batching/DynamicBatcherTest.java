package io.visionstreams.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.InferenceException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dynamic batcher on the real MobileNetV2: batch forming, queue delay, failure isolation, workers, close. */
class DynamicBatcherTest {

    private static final List<String> SIXTEEN = List.of("parrot.jpg", "cat.bmp", "bird.bmp", "hot_dog.jpg", "owl.jpg",
            "dragonfly.bmp", "grace_hopper.bmp", "sunflower.bmp", "000000000009.jpg", "000000000025.jpg",
            "000000000030.jpg", "000000000034.jpg", "000000000036.jpg", "0_image.png", "1_image.png", "20_image.png");
    private static final long TIMEOUT_S = 60;

    private static VisionModel<ClassificationResult> mobileNet;
    private static List<RgbImage> frames;

    private final VisionMetrics metrics = VisionMetrics.inMemory();
    private final List<DynamicBatcher<?>> batchers = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadModelAndFrames() throws Exception {
        mobileNet = (VisionModel<ClassificationResult>) SharedModels.get(VisionTask.CLASSIFICATION);
        ImageDecoder decoder = new ImageDecoder();
        frames = new ArrayList<>();
        for (String name : SIXTEEN) {
            frames.add(decoder.decode(SampleImages.bytes(name)));
        }
    }

    @AfterEach
    void closeBatchers() {
        batchers.forEach(DynamicBatcher::close);
    }

    @Test
    void batchesFramesSubmittedTogetherUpToMaxBatchSize() throws Exception {
        // given a batcher of at most 4 frames that would wait long for a batch to fill
        DynamicBatcher<ClassificationResult> batcher = batcher(mobileNet, 4, Duration.ofSeconds(5), 1);
        // when 8 frames arrive together
        List<Inferred<ClassificationResult>> results = awaitAll(submitAll(batcher, frames.subList(0, 8)));
        // then they run as two full batches, and the meters say so
        assertThat(results).extracting(r -> r.timing().batchSize()).containsOnly(4);
        var sizes = metrics.registry().get("vision.batch.size").tag("model", modelName()).summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.totalAmount()).isEqualTo(8.0);
        assertThat(sizes.max()).isEqualTo(4.0);
        assertThat(metrics.registry().get("vision.inference.duration").tag("model", modelName()).timer().count())
                .isEqualTo(2);
        assertThat(metrics.registry().get("vision.batch.queue.delay").tag("model", modelName()).timer().count())
                .isEqualTo(8);
        assertThat(results).extracting(r -> r.result().topK().get(0).label()).contains("Egyptian cat");
    }

    @Test
    void doesNotHoldALoneFrameMuchLongerThanMaxQueueDelay() throws Exception {
        // given a batcher that waits up to 50 ms for a batch of 8 to fill
        long delayMs = 50;
        DynamicBatcher<ClassificationResult> batcher = batcher(mobileNet, 8, Duration.ofMillis(delayMs), 1);
        // when one frame arrives and no other follows
        Inferred<ClassificationResult> lone = batcher.submit(frames.get(1)).get(TIMEOUT_S, TimeUnit.SECONDS);
        // then it runs alone once the delay is over (generous slack: this is behaviour, not performance)
        assertThat(lone.timing().batchSize()).isEqualTo(1);
        assertThat(lone.timing().queueMs()).isBetween(delayMs - 1.0, delayMs + 2_000.0);
        assertThat(lone.result().topK().get(0).label()).isEqualTo("Egyptian cat");
    }

    @Test
    void retriesAFailedBatchFrameByFrameSoOnlyThePoisonedFrameFails() throws Exception {
        // given each frame's result when it runs alone, and a model that fails any batch holding a poisoned frame
        List<RgbImage> four = frames.subList(0, 4);
        List<Inferred<ClassificationResult>> alone = awaitAll(submitAll(batcher(mobileNet, 1, Duration.ZERO, 1), four));
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingOnPoisonedFrames(mobileNet);
        DynamicBatcher<ClassificationResult> batcher = batcher(model, 4, Duration.ofSeconds(5), 1);
        // when the same four frames arrive together, the second one poisoned
        List<RgbImage> withPoison = new ArrayList<>(four);
        withPoison.set(1, FaultInjectingModel.poison(four.get(1)));
        List<CompletableFuture<Inferred<ClassificationResult>>> futures = submitAll(batcher, withPoison);
        // then the batch of 4 fails, each frame is retried alone, and only the poisoned one fails
        assertThatThrownBy(() -> futures.get(1).get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InferenceException.class);
        for (int i : List.of(0, 2, 3)) {
            Inferred<ClassificationResult> retried = futures.get(i).get(TIMEOUT_S, TimeUnit.SECONDS);
            assertThat(retried.timing().batchSize()).isEqualTo(1);
            assertThat(retried.result()).isEqualTo(alone.get(i).result());
        }
        assertThat(model.failedBatchSizes()).containsExactly(4, 1);
        var sizes = metrics.registry().get("vision.batch.size").tag("model", modelName()).summary();
        assertThat(sizes.count()).as("4 frames alone, then 3 single-frame retries; failed batches record none")
                .isEqualTo(7);
    }

    @Test
    void failsALonePoisonedFrameOnceWithoutRetryingItAndKeepsServing() throws Exception {
        // given a model that fails on poisoned frames
        FaultInjectingModel<ClassificationResult> model = FaultInjectingModel.failingOnPoisonedFrames(mobileNet);
        DynamicBatcher<ClassificationResult> batcher = batcher(model, 4, Duration.ofMillis(5), 1);
        // when a poisoned frame runs alone
        CompletableFuture<Inferred<ClassificationResult>> poisoned = batcher.submit(FaultInjectingModel.poison(frames.get(1)));
        // then it fails after one attempt (retrying a batch of one frame is the same failure again)
        assertThatThrownBy(() -> poisoned.get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(InferenceException.class);
        assertThat(model.failedBatchSizes()).containsExactly(1);
        // and the next frame is served as usual
        assertThat(batcher.submit(frames.get(1)).get(TIMEOUT_S, TimeUnit.SECONDS).result().topK().get(0).label())
                .isEqualTo("Egyptian cat");
    }

    @Test
    void twoWorkersGiveTheSameResultsAsOne() throws Exception {
        // given the 16 frames' results from one worker (one frame per batch: the same arithmetic in both runs)
        List<Inferred<ClassificationResult>> one = awaitAll(submitAll(batcher(mobileNet, 1, Duration.ZERO, 1), frames));
        // when two workers, each with its own predictor, run them concurrently
        FaultInjectingModel<ClassificationResult> counted = FaultInjectingModel.failingOnPoisonedFrames(mobileNet);
        List<Inferred<ClassificationResult>> two = awaitAll(submitAll(batcher(counted, 1, Duration.ZERO, 2), frames));
        // then every frame gets exactly the same top-k, classes and scores
        assertThat(counted.inferersCreated()).isEqualTo(2);
        assertThat(two).extracting(Inferred::result).containsExactlyElementsOf(one.stream().map(Inferred::result).toList());
    }

    @Test
    void closeCancelsStillQueuedFramesAndNeverDropsThemSilently() throws Exception {
        // given one worker taking one frame at a time, and 32 frames queued
        DynamicBatcher<ClassificationResult> batcher = batcher(mobileNet, 1, Duration.ZERO, 1);
        List<RgbImage> many = new ArrayList<>(frames);
        many.addAll(frames);
        List<CompletableFuture<Inferred<ClassificationResult>>> futures = submitAll(batcher, many);
        // when the batcher closes before the worker could get through them
        batcher.close();
        // then every future is done: a real result, or a CancellationException for what was still queued
        int cancelled = 0;
        for (CompletableFuture<Inferred<ClassificationResult>> f : futures) {
            assertThat(f).isDone();
            try {
                assertThat(f.join().result().topK()).isNotEmpty();
            } catch (CancellationException e) {
                cancelled++;
            }
        }
        assertThat(cancelled).isPositive();
        assertThat(batcher.queued()).isZero();
        // and a frame submitted after close is refused the same way, never left pending
        assertThatThrownBy(() -> batcher.submit(frames.get(0)).join()).isInstanceOf(CancellationException.class);
    }

    private <R> DynamicBatcher<R> batcher(VisionModel<R> model, int maxBatchSize, Duration maxQueueDelay, int workers) {
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, maxBatchSize, maxQueueDelay, workers, metrics);
        batchers.add(batcher);
        return batcher;
    }

    private static <R> List<CompletableFuture<Inferred<R>>> submitAll(DynamicBatcher<R> batcher, List<RgbImage> images) {
        List<CompletableFuture<Inferred<R>>> futures = new ArrayList<>();
        for (RgbImage image : images) {
            futures.add(batcher.submit(image));
        }
        return futures;
    }

    private static <R> List<Inferred<R>> awaitAll(List<CompletableFuture<Inferred<R>>> futures) throws Exception {
        List<Inferred<R>> results = new ArrayList<>();
        for (CompletableFuture<Inferred<R>> f : futures) {
            results.add(f.get(TIMEOUT_S, TimeUnit.SECONDS));
        }
        return results;
    }

    private static String modelName() {
        return mobileNet.info().name();
    }
}
