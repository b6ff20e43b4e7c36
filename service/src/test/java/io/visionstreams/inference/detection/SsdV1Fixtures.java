package io.visionstreams.inference.detection;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.convert.tflite.TfliteConverter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The real SSD-MobileNetV1 TFLite detector ({@code ssd_mobilenet_v1_coco/detect.tflite}) and its
 * TFLite-runtime reference ({@code ssd_mobilenet_v1/}), located through the build's environment;
 * the model is converted once per test JVM into the test cache.
 */
public final class SsdV1Fixtures {

    public static final String NAME = "ssd_mobilenet_v1_coco";

    private static ConvertedModel converted;

    private SsdV1Fixtures() {}

    public static Path tflite() {
        return Path.of(System.getenv("VISION_MODELS_DIR")).resolve(NAME).resolve("detect.tflite");
    }

    public static Path referenceDir() {
        return SsdFixtures.datasets().resolve("ssd_mobilenet_v1");
    }

    /** {@code detection.json}'s {@code images} array. */
    public static JsonNode referenceImages() throws IOException {
        return new ObjectMapper().readTree(referenceDir().resolve("detection.json").toFile()).path("images");
    }

    public static synchronized ConvertedModel converted() throws Exception {
        if (converted == null) {
            Path dir = Path.of(System.getenv("VISION_MODELS_CACHE")).resolve("tflite-test").resolve(NAME);
            converted = TfliteConverter.convert(tflite(), dir, NAME);
        }
        return converted;
    }

    /**
     * The catalog's translator for the model, publishing everything the op returns (score above 0,
     * up to 100): what the reference lists.
     */
    public static DjlVisionModel<DetectionResult> loadUnfiltered() throws Exception {
        return loadPublished(0.0, 100);
    }

    /** The catalog's translator for the model, publishing scores above {@code threshold}, at most {@code max}. */
    public static DjlVisionModel<DetectionResult> loadPublished(double threshold, int max) throws Exception {
        DetectionTranslator translator = TfliteOpTranslation.translator(converted().dir(), NAME,
                ModelCatalog.get(NAME).labels(), ModelCatalog.get(NAME).inputSize(), threshold, max);
        return DjlVisionModel.load(converted(), VisionTask.DETECTION, DetectionResult.class, translator, Device.cpu());
    }
}
