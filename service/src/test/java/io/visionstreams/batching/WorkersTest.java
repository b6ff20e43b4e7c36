package io.visionstreams.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import org.junit.jupiter.api.Test;

/** How many predictors (worker threads) a model gets: configured, or derived from the device and OMP_NUM_THREADS. */
class WorkersTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void aConfiguredCountWinsOnAnyDevice() {
        assertThat(Workers.resolve(3, false, "1")).isEqualTo(3);
        assertThat(Workers.resolve(3, true, null)).isEqualTo(3);
    }

    @Test
    void aGpuGetsOneWorker() {
        assertThat(Workers.resolve(0, true, "1")).isEqualTo(1);
        assertThat(Workers.resolve(0, model("gpu(0)"), "1")).isEqualTo(1);
    }

    @Test
    void aCpuGetsOneWorkerPerGroupOfOmpThreads() {
        assertThat(Workers.resolve(0, false, "1")).isEqualTo(CORES);
        assertThat(Workers.resolve(0, model("cpu()"), " 1 ")).isEqualTo(CORES);
        assertThat(Workers.resolve(0, false, "2")).isEqualTo(Math.max(1, CORES / 2));
        assertThat(Workers.resolve(0, false, "2,1")).as("nested levels: the first is the predictor's")
                .isEqualTo(Math.max(1, CORES / 2));
    }

    @Test
    void neverFewerThanOneWorker() {
        assertThat(Workers.resolve(0, false, String.valueOf(CORES * 4))).isEqualTo(1);
    }

    @Test
    void anUnsetOrInvalidOmpThreadCountMeansOnePredictorOnAllCoresAsInOpenMp() {
        for (String ignored : new String[] {null, "", "many", "0", "-2"}) {
            assertThat(Workers.resolve(0, false, ignored)).as("OMP_NUM_THREADS=%s", ignored).isEqualTo(1);
        }
    }

    @Test
    void theSharedInferenceBudgetIsOnePermitPerOmpGroupOfCoresOnCpuUnlessConfigured() {
        assertThat(Workers.permits(0, false, "1").limit()).isEqualTo(CORES);
        assertThat(Workers.permits(0, false, "2").limit()).isEqualTo(Math.max(1, CORES / 2));
        assertThat(Workers.permits(5, false, "1").limit()).isEqualTo(5);
        assertThat(Workers.permits(5, true, "1").limit()).as("configured wins on a GPU too").isEqualTo(5);
        assertThat(Workers.permits(0, true, "1").limit()).as("no budget on a GPU").isZero();
        assertThat(Workers.permits(-1, false, "1").limit()).as("-1: no budget").isZero();
    }

    private static ModelInfo model(String device) {
        return new ModelInfo("mobilenet_v2_1.0_224", "7aad0c74c5e3", "MXNet 1.9.1", device, VisionTask.CLASSIFICATION);
    }
}
