package io.visionstreams.inference.convert.tflite;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.visionstreams.inference.ConvertedModel;
import java.nio.file.Path;

/** The pretrained TFLite files and sample data the build points the tests at (see the pom's surefire setup). */
public final class TfliteTestModels {

    public static final String MOBILENET_V2 = "mobilenet_v2_1.0_224";
    public static final String DEEPLAB = "deeplabv3_mnv2_pascal";
    public static final String DEEPLAB_DM05 = "deeplabv3_mnv2_dm05_pascal";

    private TfliteTestModels() {}

    public static Path modelsDir() {
        String dir = System.getenv("VISION_MODELS_DIR");
        if (dir == null) {
            throw new IllegalStateException("VISION_MODELS_DIR is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    public static Path datasetsDir() {
        String dir = System.getProperty("vision.datasets.dir");
        if (dir == null) {
            throw new IllegalStateException("vision.datasets.dir is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    /** The quantized file of a model folder, e.g. {@code mobilenet_v2_1.0_224/mobilenet_v2_1.0_224_quant.tflite}. */
    public static Path tflite(String model) {
        return modelsDir().resolve(model).resolve(model + "_quant.tflite");
    }

    public static ConvertedModel convert(String model, Path outDir) throws Exception {
        return TfliteConverter.convert(tflite(model), outDir, model);
    }

    /** Loads a converted model for raw tensors in and out, optimized for MKLDNN like the application does. */
    public static ZooModel<NDList, NDList> loadRaw(Path dir, String name) throws Exception {
        return Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optModelName(name)
                .optEngine("MXNet")
                .optDevice(Device.cpu())
                .optOption("MxOptimizeFor", "MKLDNN")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
    }

    public static float[] run(ZooModel<NDList, NDList> model, NDList input) throws Exception {
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            return predictor.predict(input).singletonOrThrow().toFloatArray();
        }
    }
}
