package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The converted SSD-MobileNetV1 with its Java post-processing against TFLite 2.6.2 running the same
 * file with its own {@code TFLite_Detection_PostProcess} op ({@code ssd_mobilenet_v1/detection.json}):
 * every reference detection scoring at least 0.5 must be among ours with the same class, IoU at least
 * 0.9 and a score within 0.05 — first on the exact 300x300 input tensors, then from the original files.
 * Ours are clipped to the image (the contract), so the reference's boxes are clipped before comparing.
 */
class SsdMobileNetV1ReferenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(SsdMobileNetV1ReferenceTest.class);
    private static final double MIN_REFERENCE_SCORE = 0.5;
    private static final double MIN_IOU = 0.9;
    private static final double MAX_SCORE_DIFF = 0.05;

    private static DjlVisionModel<DetectionResult> model;

    @BeforeAll
    static void load() throws Exception {
        model = SsdV1Fixtures.loadUnfiltered();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void matchesTfliteReferenceOnTheExactInputTensors() throws Exception {
        // given: the uint8 300x300 tensors the reference fed the TFLite runtime
        JsonNode reference = SsdV1Fixtures.referenceImages();
        List<RgbImage> tensors = new ArrayList<>();
        for (JsonNode image : reference) {
            tensors.add(decode(SsdV1Fixtures.referenceDir().resolve("tensors").resolve(image.path("file").asText() + ".png")));
        }
        assertThat(tensors).allSatisfy(t -> assertThat(t.width()).isEqualTo(300));

        // when
        List<DetectionResult> results = detect(tensors);

        // then
        Agreement a = compare(reference, results);
        LOG.info("exact tensors: {}", a);
        assertThat(a.checked).isEqualTo(20);
    }

    @Test
    void matchesTfliteReferenceFromTheOriginalFiles() throws Exception {
        // given: the original files, decoded and resized (OpenCV INTER_LINEAR) as the reference did
        JsonNode reference = SsdV1Fixtures.referenceImages();
        List<RgbImage> images = new ArrayList<>();
        int differingBytes = 0;
        for (JsonNode image : reference) {
            String file = image.path("file").asText();
            RgbImage decoded = decode(SsdFixtures.datasets().resolve("images").resolve(file));
            images.add(decoded);
            byte[] ours = ImageResize.bilinear(decoded, 300, 300).pixels();
            byte[] theirs = decode(SsdV1Fixtures.referenceDir().resolve("tensors").resolve(file + ".png")).pixels();
            for (int i = 0; i < ours.length; i++) {
                differingBytes += ours[i] != theirs[i] ? 1 : 0;
            }
        }
        LOG.info("decode + resize vs the reference tensors: {} bytes differ", differingBytes);
        assertThat(differingBytes).as("our decode + INTER_LINEAR resize reproduces the reference tensors").isZero();

        // when
        List<DetectionResult> results = detect(images);

        // then
        for (int i = 0; i < images.size(); i++) {
            assertThat(results.get(i).imageHeight()).isEqualTo(reference.get(i).path("hw").get(0).asInt());
            assertThat(results.get(i).imageWidth()).isEqualTo(reference.get(i).path("hw").get(1).asInt());
        }
        Agreement a = compare(reference, results);
        LOG.info("original files: {}", a);
        assertThat(a.checked).isEqualTo(20);
    }

    /**
     * What the comparison measured over every reference detection scoring at least 0.5, and how many
     * of all the reference's detections (10 per image, any score) meet the same criteria.
     */
    private record Agreement(int checked, double minIou, double maxScoreDiff, double maxCoordDiff,
                             int allMatched, int all) {}

    private static Agreement compare(JsonNode reference, List<DetectionResult> results) {
        int checked = 0;
        double minIou = 1;
        double maxScoreDiff = 0;
        double maxCoordDiff = 0;
        int allMatched = 0;
        int all = 0;
        for (int i = 0; i < results.size(); i++) {
            String file = reference.get(i).path("file").asText();
            List<Detection> ours = results.get(i).objects();
            LOG.info("{}: {}", file, ours);
            assertThat(ours).isSortedAccordingTo((x, y) -> Float.compare(y.score(), x.score()));
            for (JsonNode ref : reference.get(i).path("detections")) {
                double refScore = ref.path("score").asDouble();
                all++;
                allMatched += ours.stream().anyMatch(d -> d.classId() == ref.path("class_index").asInt() + 1
                        && Math.abs(d.score() - refScore) <= MAX_SCORE_DIFF
                        && iou(d, ref.path("box_yxyx_normalized")) >= MIN_IOU) ? 1 : 0;
                if (refScore < MIN_REFERENCE_SCORE) {
                    continue;
                }
                int classId = ref.path("class_index").asInt() + 1; // labelmap line index + 1 = COCO id
                JsonNode box = ref.path("box_yxyx_normalized");
                Detection best = null;
                double bestIou = -1;
                for (Detection d : ours) {
                    double iou = iou(d, box);
                    if (d.classId() == classId && Math.abs(d.score() - refScore) <= MAX_SCORE_DIFF && iou > bestIou) {
                        best = d;
                        bestIou = iou;
                    }
                }
                assertThat(best).as("%s: %s %.4f %s", file, ref.path("label").asText(), refScore, box).isNotNull();
                assertThat(best.label()).isEqualTo(ref.path("label").asText());
                assertThat(bestIou).as("%s: %s %.4f", file, ref.path("label").asText(), refScore)
                        .isGreaterThanOrEqualTo(MIN_IOU);
                checked++;
                minIou = Math.min(minIou, bestIou);
                maxScoreDiff = Math.max(maxScoreDiff, Math.abs(best.score() - refScore));
                double[] ourBox = {best.yMin(), best.xMin(), best.yMax(), best.xMax()};
                for (int k = 0; k < 4; k++) {
                    assertThat(ourBox[k]).as("published boxes lie inside the image").isBetween(0.0, 1.0);
                    maxCoordDiff = Math.max(maxCoordDiff, Math.abs(ourBox[k] - unit(box.get(k).asDouble())));
                }
            }
        }
        return new Agreement(checked, minIou, maxScoreDiff, maxCoordDiff, allMatched, all);
    }

    private static List<DetectionResult> detect(List<RgbImage> images) throws Exception {
        try (Inferer<DetectionResult> inferer = model.newInferer()) {
            return inferer.infer(images);
        }
    }

    private static RgbImage decode(Path file) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(file));
    }

    /** IoU of our (clipped) box with the reference's, clipped to the image as ours are (TFLite does not clip). */
    private static double iou(Detection d, JsonNode yxyx) {
        double y0 = unit(yxyx.get(0).asDouble());
        double x0 = unit(yxyx.get(1).asDouble());
        double y1 = unit(yxyx.get(2).asDouble());
        double x1 = unit(yxyx.get(3).asDouble());
        double h = Math.max(0, Math.min(d.yMax(), y1) - Math.max(d.yMin(), y0));
        double w = Math.max(0, Math.min(d.xMax(), x1) - Math.max(d.xMin(), x0));
        double inter = h * w;
        double union = (d.yMax() - d.yMin()) * (d.xMax() - d.xMin()) + (y1 - y0) * (x1 - x0) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static double unit(double v) {
        return Math.min(1, Math.max(0, v));
    }
}
