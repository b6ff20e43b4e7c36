package io.visionstreams.bench;

import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.InferencePermits;
import io.visionstreams.batching.Supervision;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inference thread budget, side by side: every enabled model's batcher with {@code workers} workers,
 * either each running whenever it has a batch (no budget: models x workers inference threads at once)
 * or sharing {@code workers} {@link InferencePermits}. Two loads: {@link #stream} submits each frame to
 * every model and counts frames done by all (what a topology with those tasks can do: they share the
 * input), {@link #independent} saturates each model on its own and counts per model.
 */
public final class BudgetBench {

    /** Frames per second: per task (independent load) and for all tasks together (stream load). */
    public record Result(Map<VisionTask, Double> perTask, double stream) {}

    private BudgetBench() {}

    public static Result run(LoadedModels models, List<RgbImage> frames, int workers, InferencePermits permits,
                             int maxBatch, Duration duration, int inFlight) throws Exception {
        Map<VisionTask, DynamicBatcher<?>> batchers = new EnumMap<>(VisionTask.class);
        VisionMetrics metrics = VisionMetrics.inMemory();
        try {
            for (var e : models.all().entrySet()) {
                batchers.put(e.getKey(), batcher(e.getValue(), maxBatch, workers, metrics, permits));
            }
            stream(batchers, frames, Duration.ofSeconds(5), inFlight); // warm-up: first batches allocate
            double stream = stream(batchers, frames, duration, inFlight);
            Map<VisionTask, Double> perTask = independent(batchers, frames, duration, inFlight);
            return new Result(perTask, stream);
        } finally {
            batchers.values().forEach(DynamicBatcher::close);
        }
    }

    private static <R> DynamicBatcher<R> batcher(VisionModel<R> model, int maxBatch, int workers, VisionMetrics metrics,
                                                 InferencePermits permits) {
        return new DynamicBatcher<>(model, maxBatch, Duration.ofMillis(10), workers, metrics, permits,
                Supervision.defaults());
    }

    /** Each frame to every model, {@code inFlight} frames at most; frames per second done by all within the window. */
    static double stream(Map<VisionTask, DynamicBatcher<?>> batchers, List<RgbImage> frames, Duration duration,
                         int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            RgbImage frame = frames.get(i % frames.size());
            List<CompletableFuture<?>> tasks = new ArrayList<>();
            batchers.values().forEach(b -> tasks.add(b.submit(frame)));
            all.add(CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).whenComplete((r, e) -> {
                if (System.nanoTime() < end) {
                    done.incrementAndGet();
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        return done.get() / (duration.toNanos() / 1e9);
    }

    /** Every model saturated at once by its own feeder; frames per second per model within the window. */
    static Map<VisionTask, Double> independent(Map<VisionTask, DynamicBatcher<?>> batchers, List<RgbImage> frames,
                                               Duration duration, int inFlight) throws Exception {
        Map<VisionTask, Semaphore> slots = new EnumMap<>(VisionTask.class);
        Map<VisionTask, AtomicInteger> done = new EnumMap<>(VisionTask.class);
        batchers.keySet().forEach(t -> {
            slots.put(t, new Semaphore(inFlight));
            done.put(t, new AtomicInteger());
        });
        List<CompletableFuture<?>> all = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            boolean submitted = false;
            for (var e : batchers.entrySet()) {
                Semaphore free = slots.get(e.getKey());
                if (free.tryAcquire()) {
                    submitted = true;
                    AtomicInteger count = done.get(e.getKey());
                    all.add(e.getValue().submit(frames.get(i % frames.size())).whenComplete((r, failure) -> {
                        if (System.nanoTime() < end) {
                            count.incrementAndGet();
                        }
                        free.release();
                    }));
                }
            }
            if (!submitted) {
                Thread.sleep(1);
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        Map<VisionTask, Double> rates = new EnumMap<>(VisionTask.class);
        done.forEach((task, count) -> rates.put(task, count.get() / (duration.toNanos() / 1e9)));
        return rates;
    }
}
