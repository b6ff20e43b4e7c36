package io.visionstreams.bench;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Raw forward passes of a model (a ready input tensor in, the output tensors out, no translator)
 * with {@code workers} single-threaded predictors side by side, as the application's workers run.
 */
public final class InferenceRate {

    /** Images per second over all workers, and core-milliseconds each image cost. */
    public record Rate(double imagesPerSecond, double coreMsPerImage) {}

    private InferenceRate() {}

    /**
     * Each worker builds a batch of {@code batch} copies of {@code chw} (one image, CHW float32),
     * warms up for {@code warmup}, then runs forward passes for {@code duration}.
     */
    public static Rate measure(ZooModel<NDList, NDList> model, float[] chw, int[] chwShape, int batch, int workers,
                               Duration warmup, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(pool.submit(() -> run(model, chw, chwShape, batch, warmup, duration)));
            }
            double perSecond = 0;
            double coreNanos = 0;
            double images = 0;
            for (Future<double[]> run : runs) {
                double[] r = run.get(); // images, wall nanos, cpu nanos
                perSecond += r[0] * 1e9 / r[1];
                images += r[0];
                coreNanos += r[2];
            }
            return new Rate(perSecond, coreNanos / 1e6 / images);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] run(ZooModel<NDList, NDList> model, float[] chw, int[] chwShape, int batch,
                                Duration warmup, Duration duration) throws Exception {
        float[] data = new float[chw.length * batch];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(chw, 0, data, i * chw.length, chw.length);
        }
        try (NDManager manager = NDManager.newBaseManager();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList input = new NDList(manager.create(data, new Shape(batch, chwShape[0], chwShape[1], chwShape[2])));
            long warmEnd = System.nanoTime() + warmup.toNanos();
            do {
                predictor.predict(input).close();
            } while (System.nanoTime() < warmEnd);
            long cpu = CoreTime.now();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long images = 0;
            do {
                predictor.predict(input).close();
                images += batch;
            } while (System.nanoTime() < end);
            return new double[] {images, System.nanoTime() - start, CoreTime.now() - cpu};
        }
    }
}
