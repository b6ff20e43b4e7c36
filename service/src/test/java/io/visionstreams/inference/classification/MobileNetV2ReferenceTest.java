package io.visionstreams.inference.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * MobileNetV2 converted from TFLite and run through DJL/MXNet against Google's TFLite runtime
 * ({@code classification.json}): first on the exact input tensors, then from the original files.
 */
class MobileNetV2ReferenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(MobileNetV2ReferenceTest.class);

    @TempDir
    static Path modelDir;

    private static ConvertedModel converted;
    private static Path labels;
    private static JsonNode reference;

    @BeforeAll
    static void convert() throws Exception {
        converted = TfliteTestModels.convert(TfliteTestModels.MOBILENET_V2, modelDir);
        labels = TfliteTestModels.modelsDir().resolve(TfliteTestModels.MOBILENET_V2).resolve("imagenet_labels.txt");
        reference = new ObjectMapper().readTree(TfliteTestModels.datasetsDir().resolve("classification.json").toFile());
    }

    @Test
    void probabilitiesOnTheExactReferenceTensorsAreWithinAFewQuantizationSteps() throws Exception {
        // given: the uint8 224x224 tensors TFLite was fed, and all 1000 class scores back
        List<RgbImage> tensors = new ArrayList<>();
        for (JsonNode image : reference.get("images")) {
            tensors.add(decode(image.get("input_tensor_png").asText()));
        }

        // when
        List<ClassificationResult> results = classify(tensors, 1000);

        // then: the float graph against TFLite's uint8 softmax (steps of 1/256)
        double worst = 0;
        for (int i = 0; i < results.size(); i++) {
            JsonNode raw = reference.get("images").get(i).get("raw_output_uint8");
            double max = 0;
            for (ClassScore score : results.get(i).topK()) {
                max = Math.max(max, Math.abs(score.score() - raw.get(score.index() + 1).asInt() / 256.0));
            }
            LOG.info("{}: max |softmax - reference| = {}", reference.get("images").get(i).get("file").asText(), max);
            worst = Math.max(worst, max);
        }
        LOG.info("max softmax difference over {} tensors: {}", results.size(), worst);
        assertThat(results).allSatisfy(r -> assertThat(r.topK()).hasSize(1000));
        assertThat(worst).isLessThan(0.02);
    }

    @Test
    void originalFilesThroughDecoderAndTranslatorKeepTheReferenceTop1AndTop5() throws Exception {
        // given
        List<RgbImage> images = new ArrayList<>();
        for (JsonNode image : reference.get("images")) {
            images.add(decode(image.get("file").asText()));
        }

        // when: one batch of 8, the default top 5
        List<ClassificationResult> results = classify(images, ClassificationTranslator.DEFAULT_TOP_K);

        // then
        for (int i = 0; i < results.size(); i++) {
            JsonNode ref = reference.get("images").get(i);
            JsonNode refTop = ref.get("top5");
            List<ClassScore> ours = results.get(i).topK();
            LOG.info("{}: top-1 {} {} (reference {} {})", ref.get("file").asText(), ours.get(0).index(),
                    ours.get(0).score(), refTop.get(0).get("index").asInt(), refTop.get(0).get("score").asDouble());
            assertThat(ours).hasSize(5);
            assertThat(ours.get(0).index()).as(ref.get("file").asText()).isEqualTo(refTop.get(0).get("index").asInt());
            assertThat(ours.get(0).label()).isEqualTo(refTop.get(0).get("label").asText());
            assertThat((double) ours.get(0).score()).isCloseTo(refTop.get(0).get("score").asDouble(),
                    within(0.05));
            List<Integer> ourIndices = ours.stream().map(ClassScore::index).toList();
            for (JsonNode r : refTop) {
                if (r.get("score").asDouble() >= 0.01) {
                    assertThat(ourIndices).as(ref.get("file").asText()).contains(r.get("index").asInt());
                }
            }
        }
    }

    private static List<ClassificationResult> classify(List<RgbImage> images, int topK) throws Exception {
        ClassificationTranslator translator = ClassificationTranslator.fromLabelFile(labels, topK);
        try (DjlVisionModel<ClassificationResult> model = DjlVisionModel.load(converted, VisionTask.CLASSIFICATION,
                ClassificationResult.class, translator, Device.cpu());
             Inferer<ClassificationResult> inferer = model.newInferer()) {
            return inferer.infer(images);
        }
    }

    private static RgbImage decode(String datasetFile) throws Exception {
        Path file = TfliteTestModels.datasetsDir().resolve(datasetFile);
        return new ImageDecoder().decode(Files.readAllBytes(file));
    }
}
