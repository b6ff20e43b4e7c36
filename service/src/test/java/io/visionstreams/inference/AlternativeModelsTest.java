package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.detection.Detection;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The second detector and the second segmenter of the catalog, chosen by configuration alone and
 * loaded the way the application loads models (resolve, convert into the cache, DJL, translator by
 * the catalog's spec), on real images.
 */
class AlternativeModelsTest {

    private static RgbImage image(String file) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(
                Path.of(System.getProperty("vision.datasets.dir")).resolve("images").resolve(file)));
    }

    @Test
    void detectionConfigSelectsSsdMobileNetV1WithItsOwnPostProcessing() throws Exception {
        // given
        VisionConfig config = ConfigLoader.load(null, System.getenv(),
                Map.of("vision.tasks", "detection", "vision.model.detection", "ssd_mobilenet_v1_coco"));

        // when
        try (VisionModel<?> model = new ModelLoader(config).load(VisionTask.DETECTION, Device.cpu());
             Inferer<?> inferer = model.newInferer()) {
            DetectionResult result = (DetectionResult) inferer.infer(List.of(image("000000000025.jpg"))).get(0);

            // then: the giraffe (COCO id 25), nothing at or below the published threshold, at most the op's 10
            assertThat(model.info().name()).isEqualTo("ssd_mobilenet_v1_coco");
            assertThat(model.info().version()).matches("[0-9a-f]{12}");
            assertThat(result.objects()).hasSizeBetween(1, 10)
                    .allSatisfy(d -> assertThat((double) d.score()).isGreaterThan(0.3));
            Detection top = result.objects().get(0);
            assertThat(top.classId()).isEqualTo(25);
            assertThat(top.label()).isEqualTo("giraffe");
        }
    }

    @Test
    void segmentationConfigSelectsTheDepthHalfDeepLab() throws Exception {
        // given
        VisionConfig config = ConfigLoader.load(null, System.getenv(),
                Map.of("vision.tasks", "segmentation", "vision.model.segmentation", "deeplabv3_mnv2_dm05_pascal"));

        // when
        try (VisionModel<?> model = new ModelLoader(config).load(VisionTask.SEGMENTATION, Device.cpu());
             Inferer<?> inferer = model.newInferer()) {
            SegmentationResult result = (SegmentationResult) inferer.infer(List.of(image("cat.bmp"))).get(0);

            // then: the mask is the image's size and finds the cat (VOC 8)
            assertThat(model.info().name()).isEqualTo("deeplabv3_mnv2_dm05_pascal");
            assertThat(result.width()).isEqualTo(512);
            assertThat(result.height()).isEqualTo(341);
            assertThat(result.classes()).anySatisfy(c -> {
                assertThat(c.label()).isEqualTo("cat");
                assertThat((double) c.fraction()).isGreaterThan(0.2);
            });
        }
    }
}
