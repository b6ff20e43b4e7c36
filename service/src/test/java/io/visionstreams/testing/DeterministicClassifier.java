package io.visionstreams.testing;

import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small deterministic classification model for bookkeeping tests (ordering, restore, back-pressure),
 * where what matters is which frames are answered when, not what a network sees: it ranks the classes
 * "red", "green" and "blue" by the frame's mean of each channel (scores sum to 1). No native engine, no
 * weights, microseconds per frame; it counts the frames it saw. Claims about models use the real ones.
 */
public final class DeterministicClassifier implements VisionModel<ClassificationResult> {

    private static final List<String> LABELS = List.of("red", "green", "blue");

    private final AtomicInteger frames = new AtomicInteger();
    private final long millisPerBatch;

    private DeterministicClassifier(long millisPerBatch) {
        this.millisPerBatch = millisPerBatch;
    }

    public static DeterministicClassifier instant() {
        return new DeterministicClassifier(0);
    }

    /** Every batch takes {@code millis} (a slow model, for back-pressure). */
    public static DeterministicClassifier takingPerBatch(long millis) {
        return new DeterministicClassifier(millis);
    }

    /** The frames it has classified so far. */
    public int frames() {
        return frames.get();
    }

    /** What it answers for {@code image}: the channels ranked by their mean, most first (ties: red first). */
    public static ClassificationResult classify(RgbImage image) {
        double[] sums = new double[3];
        byte[] px = image.pixels();
        for (int i = 0; i < px.length; i++) {
            sums[i % 3] += px[i] & 0xFF;
        }
        double total = sums[0] + sums[1] + sums[2];
        List<ClassScore> scores = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            scores.add(new ClassScore(c, LABELS.get(c), total == 0 ? 1f / 3 : (float) (sums[c] / total)));
        }
        scores.sort(Comparator.comparingDouble(ClassScore::score).reversed().thenComparingInt(ClassScore::index));
        return new ClassificationResult(scores);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("deterministic-rgb", "000000000000", "none", "cpu()", VisionTask.CLASSIFICATION);
    }

    @Override
    public Inferer<ClassificationResult> newInferer() {
        return new Inferer<>() {
            @Override
            public List<ClassificationResult> infer(List<RgbImage> batch) {
                if (millisPerBatch > 0) {
                    try {
                        Thread.sleep(millisPerBatch);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                frames.addAndGet(batch.size());
                return batch.stream().map(DeterministicClassifier::classify).toList();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {}
}
