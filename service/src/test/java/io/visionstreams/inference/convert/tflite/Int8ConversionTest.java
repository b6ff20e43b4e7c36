package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.classification.ClassificationTranslator;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.inference.segmentation.SegmentationTranslator;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MobileNetV2 and DeepLabv3 as INT8 MKLDNN graphs, calibrated from the TFLite files' own ranges, against TFLite's outputs. */
class Int8ConversionTest {

    private static final Logger LOG = LoggerFactory.getLogger(Int8ConversionTest.class);

    @TempDir
    Path dir;

    @Test
    void int8MobileNetV2KeepsTheReferenceTop1OnTheExactTensors() throws Exception {
        // given: the INT8 conversion and the uint8 tensors TFLite was fed
        ConvertedModel converted = Int8Conversion.convert(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2),
                dir, TfliteTestModels.MOBILENET_V2);
        JsonNode reference = new ObjectMapper().readTree(
                TfliteTestModels.datasetsDir().resolve("classification.json").toFile());
        List<RgbImage> tensors = new ArrayList<>();
        for (JsonNode image : reference.get("images")) {
            tensors.add(new ImageDecoder().decode(Files.readAllBytes(
                    TfliteTestModels.datasetsDir().resolve(image.get("input_tensor_png").asText()))));
        }
        String symbol = Files.readString(dir.resolve(TfliteTestModels.MOBILENET_V2 + "-symbol.json"));

        // when
        List<ClassificationResult> results;
        ClassificationTranslator translator = ClassificationTranslator.fromLabelFile(TfliteTestModels.modelsDir()
                .resolve(TfliteTestModels.MOBILENET_V2).resolve("imagenet_labels.txt"), 5);
        try (DjlVisionModel<ClassificationResult> model = DjlVisionModel.load(converted, VisionTask.CLASSIFICATION,
                ClassificationResult.class, translator, Device.cpu());
             Inferer<ClassificationResult> inferer = model.newInferer()) {
            results = inferer.infer(tensors);
        }

        // then: quantized convolutions in the graph, and TFLite's top-1 on every tensor
        assertThat(symbol).contains("_sg_mkldnn_conv").contains("\"quantized\": \"true\"");
        // only the logits (read by the dequantize, not by a convolution) are signed: every other output is uint8
        List<String> signed = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(symbol).get("nodes")) {
            if (node.get("op").asText().equals("_sg_mkldnn_conv")
                    && node.get("attrs").get("min_calib_range").asDouble() < 0) {
                signed.add(node.get("name").asText());
            }
        }
        assertThat(signed).containsExactly("quantized_sg_mkldnn_conv_52");
        assertThat(Int8Conversion.isInt8(dir)).isTrue();
        for (int i = 0; i < results.size(); i++) {
            JsonNode ref = reference.get("images").get(i);
            ClassScore top = results.get(i).topK().get(0);
            LOG.info("{}: int8 top-1 {} {} (reference {} {})", ref.get("file").asText(), top.index(), top.score(),
                    ref.get("top5").get(0).get("index").asInt(), ref.get("top5").get(0).get("score").asDouble());
            assertThat(top.index()).as(ref.get("file").asText()).isEqualTo(ref.get("top5").get(0).get("index").asInt());
        }
    }

    @Test
    void int8DeepLabWithTheUint8InputKeepsTflitesLabelMapsOnTheExactTensors() throws Exception {
        // given: the INT8 DeepLab the application serves (uint8 input) and two exact 513x513 tensors
        String name = TfliteTestModels.DEEPLAB;
        Uint8InputConversion.int8(TfliteTestModels.tflite(name), dir, name);
        ConvertedModel converted = new ConvertedModel(name, dir, "test");
        JsonNode images = new ObjectMapper().readTree(
                TfliteTestModels.datasetsDir().resolve("segmentation.json").toFile()).get("images");
        SegmentationTranslator translator = new SegmentationTranslator(LabelFile.read(
                TfliteTestModels.modelsDir().resolve(name).resolve("pascal_voc_segmentation_labels.txt")), 513, true);

        // when / then: at least 98% of the pixels get TFLite's class
        try (DjlVisionModel<SegmentationResult> model = DjlVisionModel.load(converted, VisionTask.SEGMENTATION,
                SegmentationResult.class, translator, Device.cpu());
             Inferer<SegmentationResult> inferer = model.newInferer()) {
            for (int i = 0; i < 2; i++) {
                JsonNode image = images.get(i);
                SegmentationResult ours = inferer.infer(List.of(new ImageDecoder().decode(Files.readAllBytes(
                        TfliteTestModels.datasetsDir().resolve(image.get("input_tensor_png").asText()))))).get(0);
                byte[] reference = LabelMapPng.decode(Files.readAllBytes(
                        TfliteTestModels.datasetsDir().resolve(image.get("pred513_png").asText()))).labels();
                int same = 0;
                for (int p = 0; p < reference.length; p++) {
                    same += reference[p] == ours.labels()[p] ? 1 : 0;
                }
                double agreement = (double) same / reference.length;
                LOG.info("{}: int8 pixel agreement {}", image.get("image").asText(), agreement);
                assertThat(agreement).as(image.get("image").asText()).isGreaterThanOrEqualTo(0.98);
            }
        }
    }
}
