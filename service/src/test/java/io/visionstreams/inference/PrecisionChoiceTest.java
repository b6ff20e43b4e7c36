package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code vision.model.precision=auto} decided from real CPU flag lines (the ones of {@link CpuFeaturesTest}):
 * INT8 only where the CPU has VNNI or AMX and the catalog says the model's INT8 agreement meets float's.
 */
class PrecisionChoiceTest {

    @Test
    void autoKeepsEveryModelFloatOnACpuWithoutVnniOrAmx() throws Exception {
        // given an AVX2-only Zen 3
        CpuFeatures zen3 = cpu("amd-epyc-7763-zen3-avx2.txt");

        // when / then
        for (ModelSpec model : ModelCatalog.MODELS) {
            PrecisionChoice choice = PrecisionChoice.of(Precision.AUTO, model, true, zen3);
            assertThat(choice.precision()).as(model.name()).isEqualTo(Precision.FP32);
        }
        assertThat(PrecisionChoice.of(Precision.AUTO, ModelCatalog.get("mobilenet_v2_1.0_224"), true, zen3).reason())
                .isEqualTo("auto: the CPU has no VNNI or AMX");
    }

    @Test
    void autoRunsTheClassifierInInt8OnVnniAndAmxCpusAndKeepsDeepLabFloat() throws Exception {
        ModelSpec classifier = ModelCatalog.get("mobilenet_v2_1.0_224");
        ModelSpec deeplab = ModelCatalog.get("deeplabv3_mnv2_pascal");
        for (String file : new String[] {"amd-epyc-zen5-vnni.txt", "intel-xeon-sapphire-rapids-amx.txt"}) {
            CpuFeatures cpu = cpu(file);

            PrecisionChoice classification = PrecisionChoice.of(Precision.AUTO, classifier, true, cpu);
            PrecisionChoice segmentation = PrecisionChoice.of(Precision.AUTO, deeplab, true, cpu);

            assertThat(classification.precision()).as(file).isEqualTo(Precision.INT8);
            assertThat(classification.reason()).contains("avx512_vnni").contains(classifier.int8OnAuto().evidence());
            assertThat(segmentation.precision()).as(file).isEqualTo(Precision.FP32);
            assertThat(segmentation.reason()).contains(deeplab.int8OnAuto().evidence());
        }
    }

    @Test
    void autoNeverPicksInt8ForFloatSourcesOrOnAGpu() throws Exception {
        CpuFeatures zen5 = cpu("amd-epyc-zen5-vnni.txt");

        assertThat(PrecisionChoice.of(Precision.AUTO, ModelCatalog.get("ssdlite_mobilenet_v2_coco"), true, zen5)
                .precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.of(Precision.AUTO, ModelCatalog.get("ssd_mobilenet_v1_coco"), true, zen5)
                .precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.of(Precision.AUTO, ModelCatalog.get("mobilenet_v2_1.0_224"), false, zen5)
                .precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void explicitFp32AndInt8WinOverTheCpusFlags() throws Exception {
        ModelSpec deeplab = ModelCatalog.get("deeplabv3_mnv2_pascal");
        ModelSpec classifier = ModelCatalog.get("mobilenet_v2_1.0_224");

        assertThat(PrecisionChoice.of(Precision.INT8, deeplab, true, cpu("amd-epyc-7763-zen3-avx2.txt")).precision())
                .isEqualTo(Precision.INT8);
        assertThat(PrecisionChoice.of(Precision.FP32, classifier, true, cpu("amd-epyc-zen5-vnni.txt")).precision())
                .isEqualTo(Precision.FP32);
    }

    private static CpuFeatures cpu(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(PrecisionChoiceTest.class.getResourceAsStream("/cpuinfo/" + file))) {
            return CpuFeatures.fromFlags(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("flags")).findFirst().orElseThrow());
        }
    }
}
