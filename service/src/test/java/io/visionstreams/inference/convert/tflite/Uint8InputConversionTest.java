package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.VisionTask;
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

/** The graph that takes the frame's uint8 bytes and normalizes inside gives what the float-input graph gives. */
class Uint8InputConversionTest {

    @TempDir
    Path floatDir;

    @TempDir
    Path uint8Dir;

    @Test
    void uint8NhwcInputGivesTheFloatInputGraphsScoresOnTheReferenceTensors() throws Exception {
        // given: the same TFLite file converted both ways, and the 8 exact 224x224 tensors
        Path tflite = TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2);
        String name = TfliteTestModels.MOBILENET_V2;
        ConvertedModel floats = TfliteConverter.convert(tflite, floatDir, name);
        Uint8InputConversion.fp32(tflite, uint8Dir, name);
        ConvertedModel bytes = new ConvertedModel(name, uint8Dir, floats.version());
        List<String> labels = LabelFile.read(TfliteTestModels.modelsDir().resolve(name).resolve("imagenet_labels.txt"));
        List<RgbImage> tensors = new ArrayList<>();
        for (JsonNode image : new ObjectMapper().readTree(
                TfliteTestModels.datasetsDir().resolve("classification.json").toFile()).get("images")) {
            tensors.add(new ImageDecoder().decode(Files.readAllBytes(
                    TfliteTestModels.datasetsDir().resolve(image.get("input_tensor_png").asText()))));
        }

        // when
        List<ClassificationResult> expected = classify(floats, new ClassificationTranslator(labels, 5, 224, false), tensors);
        List<ClassificationResult> actual = classify(bytes, new ClassificationTranslator(labels, 5, 224, true), tensors);

        // then
        assertThat(Uint8InputConversion.takesUint8(uint8Dir)).isTrue();
        assertThat(Uint8InputConversion.takesUint8(floatDir)).isFalse();
        assertThat(Files.readString(uint8Dir.resolve(name + "-symbol.json"))).contains("\"Cast\"", "\"transpose\"");
        for (int i = 0; i < expected.size(); i++) {
            for (int k = 0; k < 5; k++) {
                assertThat(actual.get(i).topK().get(k).index()).isEqualTo(expected.get(i).topK().get(k).index());
                assertThat(actual.get(i).topK().get(k).score()).isCloseTo(expected.get(i).topK().get(k).score(),
                        within(1e-6f));
            }
        }
    }

    private static List<ClassificationResult> classify(ConvertedModel converted, ClassificationTranslator translator,
                                                       List<RgbImage> images) throws Exception {
        try (DjlVisionModel<ClassificationResult> model = DjlVisionModel.load(converted, VisionTask.CLASSIFICATION,
                ClassificationResult.class, translator, Device.cpu());
             Inferer<ClassificationResult> inferer = model.newInferer()) {
            return inferer.infer(images);
        }
    }
}
