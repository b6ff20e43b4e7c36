package io.visionstreams.inference.detection;

import ai.djl.Device;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.convert.tfjs.TfjsSsdConverter;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real SSDLite model and the COCO reference data, located through the build's environment
 * ({@code VISION_MODELS_DIR}, {@code VISION_MODELS_CACHE}, {@code vision.datasets.dir}); the model
 * is converted once per test JVM into the cache.
 */
public final class SsdFixtures {

    public static final String NAME = "ssdlite_mobilenet_v2_coco";
    public static final String[] IMAGES = {
        "000000000009.jpg", "000000000025.jpg", "000000000030.jpg", "000000000034.jpg", "000000000036.jpg"};

    private static ConvertedModel converted;

    private SsdFixtures() {}

    public static Path sourceDir() {
        return Path.of(System.getenv("VISION_MODELS_DIR")).resolve(NAME);
    }

    public static Path modelJson() {
        return sourceDir().resolve("model.json");
    }

    public static Path labelsFile() {
        return sourceDir().resolve("coco_labels.txt");
    }

    public static Path datasets() {
        return Path.of(System.getProperty("vision.datasets.dir"));
    }

    /** The model converted by this build's converter (once per JVM). */
    public static synchronized ConvertedModel converted() throws IOException {
        if (converted == null) {
            Path dir = Path.of(System.getenv("VISION_MODELS_CACHE")).resolve("tfjs-test").resolve(NAME);
            TfjsSsdConverter.Result r = TfjsSsdConverter.convert(modelJson(), dir, NAME);
            converted = new ConvertedModel(NAME, dir, r.sourceSha256().substring(0, 12));
        }
        return converted;
    }

    /** The converted model with raw NDList in and out, optimized for MKLDNN like production. */
    public static ZooModel<NDList, NDList> rawModel() throws Exception {
        ConvertedModel m = converted();
        return Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(m.dir()).optModelName(m.name()).optEngine("MXNet").optDevice(Device.cpu())
                .optOption("MxOptimizeFor", "MKLDNN").optTranslator(new NoopTranslator()).build().loadModel();
    }

    public static RgbImage image(String file) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(datasets().resolve("images").resolve(file)));
    }

    /** A little-endian float32 file of the reference outputs. */
    public static float[] referenceFloats(String file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(datasets().resolve("det_raw").resolve(file)))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
