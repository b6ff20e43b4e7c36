package io.visionstreams.inference.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.eval.GroundTruthMasks;
import io.visionstreams.eval.SegmentationMetrics;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeepLabv3-MobileNetV2 converted from TFLite and run through DJL/MXNet against Google's TFLite
 * runtime ({@code segmentation.json}, {@code seg_pred/}) and the VOC / coral ground truth.
 */
class DeepLabReferenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeepLabReferenceTest.class);
    private static final int BATCH = 4;

    @TempDir
    static Path modelDir;

    private static JsonNode reference;
    private static Path labels;

    @BeforeAll
    static void readReference() throws Exception {
        reference = new ObjectMapper().readTree(TfliteTestModels.datasetsDir().resolve("segmentation.json").toFile());
        labels = TfliteTestModels.modelsDir().resolve(TfliteTestModels.DEEPLAB).resolve("pascal_voc_segmentation_labels.txt");
    }

    @Test
    void labelMapsOnTheExactReferenceTensorsAgreeWithTflitesArgmax() throws Exception {
        // given: the uint8 513x513 tensors TFLite was fed
        List<RgbImage> tensors = new ArrayList<>();
        for (JsonNode image : reference.get("images")) {
            tensors.add(decode(image.get("input_tensor_png").asText()));
        }

        // when
        List<SegmentationResult> results = segment(TfliteTestModels.DEEPLAB, tensors);

        // then: float logits vs TFLite's uint8 ones differ only where two classes are nearly tied
        double sum = 0;
        double worst = 1;
        for (int i = 0; i < results.size(); i++) {
            JsonNode ref = reference.get("images").get(i);
            LabelMap expected = LabelMapPng.decode(Files.readAllBytes(
                    TfliteTestModels.datasetsDir().resolve(ref.get("pred513_png").asText())));
            double agreement = agreement(results.get(i), expected);
            LOG.info("{}: pixel agreement with TFLite {}", ref.get("image").asText(), agreement);
            sum += agreement;
            worst = Math.min(worst, agreement);
        }
        LOG.info("pixel agreement: mean {}, worst {}", sum / results.size(), worst);
        assertThat(sum / results.size()).isGreaterThanOrEqualTo(0.99);
        assertThat(worst).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void originalFilesThroughDecoderAndTranslatorScoreTheReferenceMiou() throws Exception {
        // when
        SegmentationMetrics metrics = score(TfliteTestModels.DEEPLAB);

        // then
        double referenceMiou = reference.get("summary_all").get("mIoU").asDouble();
        LOG.info("set mIoU {} (reference {}), pixel accuracy {}", metrics.meanIoU(), referenceMiou, metrics.pixelAccuracy());
        assertThat(metrics.meanIoU()).isCloseTo(referenceMiou, within(0.015));
    }

    @Test
    void halfDepthModelConvertsAndSegmentsSensibly() throws Exception {
        // when
        SegmentationMetrics metrics = score(TfliteTestModels.DEEPLAB_DM05);

        // then: a smaller model with its own weights, so near, not equal to, the depth-1.0 reference
        LOG.info("depth 0.5: set mIoU {}, pixel accuracy {}", metrics.meanIoU(), metrics.pixelAccuracy());
        assertThat(metrics.meanIoU()).isGreaterThan(0.6);
        assertThat(metrics.pixelAccuracy()).isGreaterThan(0.9);
    }

    /** Segments every original image and accumulates the set metrics against its ground truth. */
    private SegmentationMetrics score(String model) throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (JsonNode image : reference.get("images")) {
            images.add(decode("images/" + image.get("image").asText()));
        }
        List<SegmentationResult> results = segment(model, images);
        SegmentationMetrics metrics = new SegmentationMetrics(21);
        for (int i = 0; i < results.size(); i++) {
            JsonNode ref = reference.get("images").get(i);
            SegmentationResult r = results.get(i);
            assertThat(r.width()).isEqualTo(images.get(i).width());
            assertThat(r.height()).isEqualTo(images.get(i).height());
            metrics.add(new LabelMap(r.width(), r.height(), r.labels()), groundTruth(ref));
        }
        return metrics;
    }

    private static LabelMap groundTruth(JsonNode ref) throws Exception {
        Path file = TfliteTestModels.datasetsDir().resolve("images").resolve(ref.get("ground_truth").asText());
        return switch (ref.get("gt_kind").asText()) {
            case "voc" -> GroundTruthMasks.fromVocColours(new ImageDecoder().decode(Files.readAllBytes(file)));
            case "coral_bird" -> GroundTruthMasks.fromCoralBird(GroundTruthMasks.readIndexed(file));
            case "oxford_trimap" -> GroundTruthMasks.fromOxfordTrimap(GroundTruthMasks.readIndexed(file));
            default -> throw new IllegalArgumentException("unknown ground truth kind " + ref.get("gt_kind"));
        };
    }

    private static List<SegmentationResult> segment(String model, List<RgbImage> images) throws Exception {
        Path dir = modelDir.resolve(model);
        ConvertedModel converted = Files.exists(dir) ? new ConvertedModel(model, dir, "test")
                : TfliteTestModels.convert(model, dir);
        List<SegmentationResult> results = new ArrayList<>();
        try (DjlVisionModel<SegmentationResult> loaded = DjlVisionModel.load(converted, VisionTask.SEGMENTATION,
                SegmentationResult.class, SegmentationTranslator.fromLabelFile(labels), Device.cpu());
             Inferer<SegmentationResult> inferer = loaded.newInferer()) {
            for (int i = 0; i < images.size(); i += BATCH) {
                results.addAll(inferer.infer(images.subList(i, Math.min(images.size(), i + BATCH))));
            }
        }
        return results;
    }

    private static double agreement(SegmentationResult result, LabelMap expected) {
        assertThat(result.width()).isEqualTo(expected.width());
        assertThat(result.height()).isEqualTo(expected.height());
        int same = 0;
        for (int i = 0; i < expected.labels().length; i++) {
            same += result.labels()[i] == expected.labels()[i] ? 1 : 0;
        }
        return (double) same / expected.labels().length;
    }

    private static RgbImage decode(String datasetFile) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(TfliteTestModels.datasetsDir().resolve(datasetFile)));
    }
}
