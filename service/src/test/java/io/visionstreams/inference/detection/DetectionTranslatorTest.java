package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole pipeline on the five COCO images (decode, translator, converted model on MXNet with MKLDNN,
 * NMS) against {@code detection.json}, the coco-ssd reference.
 */
class DetectionTranslatorTest {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionTranslatorTest.class);

    @Test
    void defaultSettingsFindEveryConfidentReferenceObjectWithSameLabelAndBox() throws Exception {
        // given
        JsonNode reference = referenceImages();
        List<RgbImage> images = images();

        // when: one batch of five frames with the defaults (per-class NMS, IoU 0.6, score > 0.3)
        List<DetectionResult> results = detect(images, DetectionOptions.DEFAULTS);

        // then
        results.forEach(r -> LOG.info("defaults: {} objects: {}", r.objects().size(), r.objects()));
        int checked = 0;
        for (int i = 0; i < images.size(); i++) {
            DetectionResult result = results.get(i);
            assertThat(result.imageWidth()).isEqualTo(images.get(i).width());
            assertThat(result.imageHeight()).isEqualTo(images.get(i).height());
            assertThat(result.objects()).allSatisfy(d -> assertThat((double) d.score()).isGreaterThan(0.3));
            assertThat(result.objects()).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
            for (JsonNode ref : reference.get(i).path("detections")) {
                if (ref.path("score").asDouble() < 0.5) {
                    continue;
                }
                double best = result.objects().stream()
                        .filter(d -> d.classId() == ref.path("coco_id").asInt())
                        .filter(d -> d.label().equals(ref.path("label").asText()))
                        .mapToDouble(d -> iou(pixels(d, result), clipped(ref.path("box_xyxy"), result)))
                        .max().orElse(0);
                LOG.info("{} {} {}: best IoU {}", SsdFixtures.IMAGES[i], ref.path("label").asText(),
                        ref.path("score").asDouble(), best);
                assertThat(best).as("%s %s", SsdFixtures.IMAGES[i], ref.path("label").asText())
                        .isGreaterThanOrEqualTo(0.85);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(7);
    }

    @Test
    void cocoSsdSettingsReproduceTheReferenceDetectionList() throws Exception {
        // given: coco-ssd's own post-processing (class-agnostic NMS, score and IoU 0.3, 100 boxes)
        JsonNode reference = referenceImages();

        // when
        List<DetectionResult> results = detect(images(), DetectionOptions.COCO_SSD);

        // then: the same objects in the same order, scores and boxes equal within float noise
        assertSameDetections(results, reference, "detections");
    }

    @Test
    void cocoSsdSettingsWithIou05ReproduceTheAlternativeReferenceList() throws Exception {
        // given: the reference's second list, same raw outputs with NMS IoU 0.5
        JsonNode reference = referenceImages();
        DetectionOptions options = new DetectionOptions(0.3, 0.5, 100, true);

        // when
        List<DetectionResult> results = detect(images(), options);

        // then
        assertSameDetections(results, reference, "detections_alt_iou05");
    }

    private static void assertSameDetections(List<DetectionResult> results, JsonNode reference, String list) {
        double maxScoreDiff = 0;
        double maxPixelDiff = 0;
        int count = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonNode refs = reference.get(i).path(list);
            List<Detection> ours = results.get(i).objects();
            assertThat(ours).hasSize(refs.size());
            for (int k = 0; k < refs.size(); k++) {
                JsonNode ref = refs.get(k);
                Detection d = ours.get(k);
                assertThat(d.classId()).isEqualTo(ref.path("coco_id").asInt());
                assertThat(d.label()).isEqualTo(ref.path("label").asText());
                assertThat((double) d.score()).isCloseTo(ref.path("score").asDouble(), within(1e-5));
                maxScoreDiff = Math.max(maxScoreDiff, Math.abs(d.score() - ref.path("score").asDouble()));
                double[] box = pixels(d, results.get(i));
                double[] refBox = clipped(ref.path("box_xyxy"), results.get(i));
                for (int c = 0; c < 4; c++) {
                    assertThat(box[c] / (c % 2 == 0 ? results.get(i).imageWidth() : results.get(i).imageHeight()))
                            .as("published boxes lie inside the image").isBetween(0.0, 1.0);
                    double diff = Math.abs(box[c] - refBox[c]);
                    maxPixelDiff = Math.max(maxPixelDiff, diff);
                    assertThat(diff).isLessThan(0.01);
                }
                count++;
            }
        }
        LOG.info("{}: {} detections reproduced, max |score diff| {}, max |box diff| {} px", list, count,
                maxScoreDiff, maxPixelDiff);
    }

    private static List<DetectionResult> detect(List<RgbImage> images, DetectionOptions options) throws Exception {
        DetectionTranslator translator = DetectionTranslator.forModel(SsdFixtures.converted().dir(),
                SsdFixtures.NAME, SsdFixtures.labelsFile(), options);
        try (DjlVisionModel<DetectionResult> model = DjlVisionModel.load(SsdFixtures.converted(),
                VisionTask.DETECTION, DetectionResult.class, translator, Device.cpu());
             Inferer<DetectionResult> inferer = model.newInferer()) {
            return inferer.infer(images);
        }
    }

    private static List<RgbImage> images() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (String file : SsdFixtures.IMAGES) {
            images.add(SsdFixtures.image(file));
        }
        return images;
    }

    private static JsonNode referenceImages() throws Exception {
        JsonNode images = new ObjectMapper().readTree(SsdFixtures.datasets().resolve("detection.json").toFile())
                .path("images");
        for (int i = 0; i < SsdFixtures.IMAGES.length; i++) {
            assertThat(images.get(i).path("file").asText()).isEqualTo(SsdFixtures.IMAGES[i]);
        }
        return images;
    }

    /** Our normalized box in the reference's original-pixel units, computed as coco-ssd does. */
    private static double[] pixels(Detection d, DetectionResult r) {
        return new double[] {
            d.xMin() * (double) r.imageWidth(), d.yMin() * (double) r.imageHeight(),
            d.xMax() * (double) r.imageWidth(), d.yMax() * (double) r.imageHeight()};
    }

    /** The reference's box (original pixels, not clipped by coco-ssd) clipped to the image, as ours are. */
    private static double[] clipped(JsonNode xyxy, DetectionResult r) {
        double[] box = new double[4];
        for (int c = 0; c < 4; c++) {
            double side = c % 2 == 0 ? r.imageWidth() : r.imageHeight();
            box[c] = Math.min(side, Math.max(0, xyxy.get(c).asDouble()));
        }
        return box;
    }

    private static double iou(double[] a, double[] b) {
        double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = w * h;
        double areaA = (a[2] - a[0]) * (a[3] - a[1]);
        double areaB = (b[2] - b[0]) * (b[3] - b[1]);
        return inter / (areaA + areaB - inter);
    }
}
