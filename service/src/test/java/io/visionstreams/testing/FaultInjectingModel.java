package io.visionstreams.testing;

import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.ingest.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * A real model that fails on poisoned frames, the only test double of the batching tests:
 * {@link Inferer#infer} throws an {@link InferenceException} for any batch holding a frame whose
 * first pixels carry the poison signature ({@link #poison}); every other batch runs on the real
 * model. It records the sizes of the batches it failed, so a test can tell a failed batch from
 * its frame-by-frame retry. Frames are told apart by their pixels, not their identity, so a
 * poisoned image survives encoding ({@link #png}) and decoding inside a topology. It can also fail
 * every batch whatever it holds until {@link #heal}ed ({@link #failingEveryBatch}: a broken model), and
 * refuse to hand out its next inferers ({@link #failNextInferers}: a worker that dies at start).
 */
public final class FaultInjectingModel<R> implements VisionModel<R> {

    /** Row 0, columns 0..3: magenta, green, magenta, green. No sample image starts like this. */
    private static final int[][] SIGNATURE = {{255, 0, 255}, {0, 255, 0}, {255, 0, 255}, {0, 255, 0}};

    private final VisionModel<R> real;
    private final AtomicInteger inferers = new AtomicInteger();
    private final List<Integer> failedBatchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger inferersToFail = new AtomicInteger();
    private volatile boolean failingEverything;
    private volatile Supplier<? extends Throwable> poisonThrows;
    private volatile long slowMillis;
    private volatile boolean hanging;

    private FaultInjectingModel(VisionModel<R> real) {
        this.real = real;
    }

    /** Wraps a real model (typically one of {@link SharedModels}). */
    public static <R> FaultInjectingModel<R> failingOnPoisonedFrames(VisionModel<R> real) {
        return new FaultInjectingModel<>(real);
    }

    /** Wraps a real model, failing every batch (poisoned or not, probe frames too) until {@link #heal()}. */
    public static <R> FaultInjectingModel<R> failingEveryBatch(VisionModel<R> real) {
        FaultInjectingModel<R> model = new FaultInjectingModel<>(real);
        model.failingEverything = true;
        return model;
    }

    /**
     * Wraps a real model; a batch holding a poisoned frame throws what {@code error} makes (an {@link Error} such as
     * {@code StackOverflowError}, or a {@link RuntimeException}) instead of an {@link InferenceException}.
     */
    public static <R> FaultInjectingModel<R> throwingOnPoisonedFrames(VisionModel<R> real,
                                                                      Supplier<? extends Throwable> error) {
        FaultInjectingModel<R> model = new FaultInjectingModel<>(real);
        model.poisonThrows = error;
        return model;
    }

    /** From now on only poisoned frames fail, and batches neither hang nor are slowed. */
    public void heal() {
        failingEverything = false;
        hanging = false;
        slowMillis = 0;
    }

    /** Every batch takes {@code delay} longer (a slow, not failing, model; deterministic for bookkeeping tests). */
    public void slowEveryBatchBy(Duration delay) {
        slowMillis = delay.toMillis();
    }

    /** Every batch from now on neither returns nor fails until {@link #heal()} (a hung model). */
    public void hangEveryBatch() {
        hanging = true;
    }

    /** The next {@code n} calls of {@link #newInferer} throw, as a predictor that cannot be created. */
    public void failNextInferers(int n) {
        inferersToFail.set(n);
    }

    /** A copy of {@code image} with the poison signature painted over its first pixels. */
    public static RgbImage poison(RgbImage image) {
        if (image.width() < SIGNATURE.length) {
            throw new IllegalArgumentException("image too narrow to poison: " + image.width());
        }
        byte[] pixels = image.pixels().clone();
        for (int x = 0; x < SIGNATURE.length; x++) {
            for (int c = 0; c < 3; c++) {
                pixels[x * 3 + c] = (byte) SIGNATURE[x][c];
            }
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    public static boolean isPoisoned(RgbImage image) {
        if (image.width() < SIGNATURE.length) {
            return false;
        }
        for (int x = 0; x < SIGNATURE.length; x++) {
            for (int c = 0; c < 3; c++) {
                if (image.get(x, 0, c) != SIGNATURE[x][c]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code image} as a lossless PNG, so its pixels (and a poison signature) reach the model unchanged. */
    public static byte[] png(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Sizes of the batches that failed (held a poisoned frame, or every batch failing), in the order they ran. */
    public List<Integer> failedBatchSizes() {
        return List.copyOf(failedBatchSizes);
    }

    /** How many inferers (one per batcher worker) were handed out. */
    public int inferersCreated() {
        return inferers.get();
    }

    @Override
    public ModelInfo info() {
        return real.info();
    }

    @Override
    public Inferer<R> newInferer() {
        if (inferersToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException(info().name() + ": injected failure to create a predictor");
        }
        Inferer<R> inferer = real.newInferer();
        inferers.incrementAndGet();
        return new Inferer<>() {
            @Override
            public List<R> infer(List<RgbImage> batch) throws InferenceException {
                pause();
                if (failingEverything) {
                    failedBatchSizes.add(batch.size());
                    throw new InferenceException(info().name() + ": injected failure of every batch");
                }
                if (batch.stream().anyMatch(FaultInjectingModel::isPoisoned)) {
                    failedBatchSizes.add(batch.size());
                    if (poisonThrows != null) {
                        throwUnchecked(poisonThrows.get());
                    }
                    throw new InferenceException(info().name() + ": poisoned frame in a batch of " + batch.size());
                }
                return inferer.infer(batch);
            }

            @Override
            public void close() {
                inferer.close();
            }
        };
    }

    private void pause() {
        try {
            if (slowMillis > 0) {
                Thread.sleep(slowMillis);
            }
            while (hanging) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
        throw (T) t;
    }

    /** Leaves the real model open: it belongs to whoever loaded it (shared by the whole test JVM). */
    @Override
    public void close() {}
}
