package io.visionstreams.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.Device;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.visionstreams.inference.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vision.device=gpu} where no GPU can be used: one line naming what is missing, never the CPU. */
class GpuDeviceTest {

    @TempDir
    Path dir;

    @Test
    void gpuOnThisMachineWithoutOneFailsWithOneLineNamingWhatIsMissing() {
        // given: this build machine (no NVIDIA driver, no device, no CUDA libraries, the CPU build of ONNX Runtime)
        GpuProbe probe = GpuProbe.detect();
        assumeThat(probe.missing()).as("a machine with a usable GPU").isNotEmpty();

        // when / then
        assertThatThrownBy(() -> Engines.named("onnxruntime").select("gpu"))
                .isInstanceOf(ModelLoadException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("GPU", "CUDA")
                        .contains(probe.missing().get(0)));
    }

    @Test
    void autoWithoutAUsableGpuIsTheCpuAndSaysSo() throws Exception {
        assumeThat(GpuProbe.detect().missing()).isNotEmpty();

        Device device = Engines.named("ONNXRuntime").select("auto");

        assertThat(device).isEqualTo(Device.cpu());
    }

    @Test
    void theProbeNamesEachMissingPieceAndFindsLibrariesOnTheLoaderPath() throws Exception {
        // given: a folder holding CUDA 12's runtime only, and no /dev/nvidia0
        Path libs = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(libs.resolve(GpuProbe.CUDART));
        Path dev = Files.createDirectories(dir.resolve("dev"));

        // when
        GpuProbe probe = GpuProbe.detect("/nonexistent:" + libs, dev, List.of(
                "\tlibcudnn.so.9 (libc6,x86-64) => /opt/cudnn/lib/libcudnn.so.9"));

        // then
        assertThat(probe.found()).containsEntry(GpuProbe.CUDART, libs.resolve(GpuProbe.CUDART).toString())
                .containsEntry(GpuProbe.CUDNN, "/opt/cudnn/lib/libcudnn.so.9");
        assertThat(probe.missing()).anySatisfy(m -> assertThat(m).contains("NVIDIA driver", GpuProbe.DRIVER))
                .anySatisfy(m -> assertThat(m).contains("no GPU device"))
                .noneSatisfy(m -> assertThat(m).contains(GpuProbe.CUDART))
                .noneSatisfy(m -> assertThat(m).contains(GpuProbe.CUDNN));
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThat(probe.missing()).anySatisfy(m -> assertThat(m).contains("-Pgpu"));
        }
        assertThat(probe.failureLine()).startsWith("vision.device=gpu but the GPU (CUDA) cannot be used: ")
                .doesNotContain("\n");
    }

    @Test
    void engineNamesAreCaseInsensitiveAndMxnetStaysTheDefault() {
        assertThat(Engines.named("MXNet")).isSameAs(Engines.named("mxnet")).isSameAs(Engines.DEFAULT);
        assertThat(Engines.named("OnnxRuntime").format().id()).isEqualTo("onnx");
        assertThatThrownBy(() -> Engines.named("tensorrt")).hasMessageContaining("mxnet", "onnxruntime");
    }
}
