package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.classification.ClassificationTranslator;
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

/** MobileNetV2 as an INT8 MKLDNN graph, calibrated from the TFLite file's own ranges, against TFLite's outputs. */
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
        assertThat(Int8Conversion.isInt8(dir)).isTrue();
        for (int i = 0; i < results.size(); i++) {
            JsonNode ref = reference.get("images").get(i);
            ClassScore top = results.get(i).topK().get(0);
            LOG.info("{}: int8 top-1 {} {} (reference {} {})", ref.get("file").asText(), top.index(), top.score(),
                    ref.get("top5").get(0).get("index").asInt(), ref.get("top5").get(0).get("score").asDouble());
            assertThat(top.index()).as(ref.get("file").asText()).isEqualTo(ref.get("top5").get(0).get("index").asInt());
        }
    }
}
