package io.visionstreams.batching;

import io.visionstreams.inference.ModelInfo;

/**
 * How many inference threads (one predictor each) a model gets. On CPU, several single-threaded
 * predictors beat one predictor whose every operator is split over all cores: measured here
 * (MobileNetV2, 2 cores, batch 1) 230 img/s with two predictors at OMP_NUM_THREADS=1, against
 * 160-176 img/s with one predictor using both cores.
 */
public final class Workers {

    private Workers() {}

    /** {@code configured} when positive; else one per {@code OMP_NUM_THREADS} cores on CPU, one on a GPU. */
    public static int resolve(int configured, ModelInfo model, String ompNumThreads) {
        return resolve(configured, !model.device().startsWith("cpu"), ompNumThreads);
    }

    public static int resolve(int configured, boolean gpu, String ompNumThreads) {
        if (configured > 0) {
            return configured;
        }
        if (gpu) {
            return 1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int ompThreads = cores;
        if (ompNumThreads != null) {
            try {
                // a list ("4,2") sets nested levels: the first is the predictor's; 0, negative or malformed:
                // OpenMP ignores the value and uses every core, and so do we
                int outer = Integer.parseInt(ompNumThreads.split(",", -1)[0].trim());
                ompThreads = outer > 0 ? outer : cores;
            } catch (NumberFormatException e) {
                // ignored, as above
            }
        }
        return Math.max(1, cores / ompThreads);
    }

    /**
     * The instance's shared inference budget ({@code vision.batch.inference-permits}): {@code configured} permits
     * when positive, none ({@link InferencePermits#unlimited()}) when -1; for 0, as many permits as
     * {@link #resolve(int, boolean, String)} gives one model workers on CPU (one per group of
     * {@code OMP_NUM_THREADS} cores), and no limit on a GPU.
     */
    public static InferencePermits permits(int configured, boolean gpu, String ompNumThreads) {
        if (configured > 0) {
            return InferencePermits.of(configured);
        }
        if (configured < 0 || gpu) {
            return InferencePermits.unlimited();
        }
        return InferencePermits.of(resolve(0, false, ompNumThreads));
    }
}
