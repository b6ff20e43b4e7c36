package io.visionstreams.bench;

import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.ingest.RgbImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Inference throughput of a loaded model with {@code workers} predictors side by side (one thread
 * each, as the application's workers run), translator included: frames in, results out.
 */
public final class InferenceRate {

    private InferenceRate() {}

    /**
     * Images per second over all workers: each worker warms up for {@code warmup}, then infers
     * batches of {@code batch} frames (cycled from {@code frames}) for {@code duration}.
     */
    public static double measure(VisionModel<?> model, List<RgbImage> frames, int batch, int workers,
                                 Duration warmup, Duration duration) throws Exception {
        List<RgbImage> input = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            input.add(frames.get(i % frames.size()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(pool.submit(() -> run(model, input, warmup, duration)));
            }
            double perSecond = 0;
            for (Future<long[]> run : runs) {
                long[] imagesAndNanos = run.get();
                perSecond += imagesAndNanos[0] * 1e9 / imagesAndNanos[1];
            }
            return perSecond;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] run(VisionModel<?> model, List<RgbImage> input, Duration warmup, Duration duration)
            throws Exception {
        try (Inferer<?> inferer = model.newInferer()) {
            long warmEnd = System.nanoTime() + warmup.toNanos();
            do {
                inferer.infer(input);
            } while (System.nanoTime() < warmEnd);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long images = 0;
            do {
                inferer.infer(input);
                images += input.size();
            } while (System.nanoTime() < end);
            return new long[] {images, System.nanoTime() - start};
        }
    }
}
