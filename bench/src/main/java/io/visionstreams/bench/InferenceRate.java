package io.visionstreams.bench;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import java.nio.ByteBuffer;
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

    /** One frame as a model takes it, and how to repeat it into a batch. */
    public record Frame(byte[] bytes, float[] floats, Shape shape, DataType type) {

        /** A float32 CHW tensor. */
        public static Frame floatChw(float[] chw, int height, int width) {
            return new Frame(null, chw, new Shape(3, height, width), DataType.FLOAT32);
        }

        /** A frame's uint8 HWC bytes, for graphs that normalize inside. */
        public static Frame uint8Hwc(byte[] hwc, int height, int width) {
            return new Frame(hwc, null, new Shape(height, width, 3), DataType.UINT8);
        }

        /** {@code batch} copies stacked into one array. */
        public NDArray batch(NDManager manager, int batch) {
            Shape batched = new Shape(batch, shape.get(0), shape.get(1), shape.get(2));
            if (bytes != null) {
                byte[] data = new byte[bytes.length * batch];
                for (int i = 0; i < batch; i++) {
                    System.arraycopy(bytes, 0, data, i * bytes.length, bytes.length);
                }
                return manager.create(ByteBuffer.wrap(data), batched, type);
            }
            float[] data = new float[floats.length * batch];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(floats, 0, data, i * floats.length, floats.length);
            }
            return manager.create(data, batched);
        }
    }

    /** Images per second over all workers, and core-milliseconds each image cost. */
    public record Rate(double imagesPerSecond, double coreMsPerImage) {}

    private InferenceRate() {}

    /**
     * Each worker builds a batch of {@code batch} copies of {@code frame}, warms up for
     * {@code warmup}, then runs forward passes for {@code duration}.
     */
    public static Rate measure(ZooModel<NDList, NDList> model, Frame frame, int batch, int workers,
                               Duration warmup, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(pool.submit(() -> run(model, frame, batch, warmup, duration)));
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

    private static double[] run(ZooModel<NDList, NDList> model, Frame frame, int batch, Duration warmup,
                                Duration duration) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDList input = new NDList(frame.batch(manager, batch));
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
