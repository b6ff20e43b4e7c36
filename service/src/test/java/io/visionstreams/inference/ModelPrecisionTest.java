package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vision.model.precision}: which models it changes, and that the loader caches and reports it. */
class ModelPrecisionTest {

    @TempDir
    Path cache;

    @Test
    void precisionDefaultsToAutoAndRejectsUnknownValues() {
        assertThat(VisionConfig.from(Map.of()).models().precision()).isEqualTo(Precision.AUTO);
        assertThat(VisionConfig.from(Map.of("vision.model.precision", "fp32")).models().precision())
                .isEqualTo(Precision.FP32);
        assertThat(VisionConfig.from(Map.of("vision.model.precision", "int8")).models().precision())
                .isEqualTo(Precision.INT8);
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.model.precision", "int4")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.model.precision");
    }

    @Test
    void int8AppliesOnlyToTheTfliteImageModelsOnCpu() throws Exception {
        ModelSpec classifier = ModelCatalog.get("mobilenet_v2_1.0_224");
        assertThat(Precision.INT8.effective(classifier, true)).isEqualTo(Precision.INT8);
        assertThat(Precision.INT8.effective(ModelCatalog.get("deeplabv3_mnv2_pascal"), true)).isEqualTo(Precision.INT8);
        assertThat(Precision.INT8.effective(ModelCatalog.get("ssdlite_mobilenet_v2_coco"), true)).isEqualTo(Precision.FP32);
        assertThat(Precision.INT8.effective(ModelCatalog.get("ssd_mobilenet_v1_coco"), true)).isEqualTo(Precision.FP32);
        assertThat(Precision.INT8.effective(classifier, false)).isEqualTo(Precision.FP32);
        assertThat(Precision.FP32.effective(classifier, true)).isEqualTo(Precision.FP32);
    }

    @Test
    void anInt8ClassifierIsCachedApartFromTheFloatOneAndSaysInt8InItsEngine() throws Exception {
        // given
        VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", "classification",
                "vision.model.precision", "int8", "vision.models.cache", cache.toString()));

        // when
        String engine;
        try (VisionModel<?> model = new ModelLoader(config).load(VisionTask.CLASSIFICATION, Device.cpu())) {
            engine = model.info().engine();
        }

        // then
        assertThat(engine).startsWith("MXNet ").endsWith(" int8");
        try (Stream<Path> dirs = Files.list(cache.resolve("converted").resolve("mobilenet_v2_1.0_224"))) {
            assertThat(dirs.map(d -> d.getFileName().toString())).singleElement().asString().endsWith("-tflite3-u8-int8");
        }
    }
}
