package io.visionstreams.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.ModelManifest;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.detection.Detection;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog models as the application loads them ({@code ModelLoader}: resolve, convert into the
 * cache with a manifest, load) with {@code vision.engine=onnxruntime}, against the same models on
 * MXNet: the same results on sample images (batches of two, with no MXNet operator behind ONNX Runtime's
 * arrays), the ONNX files and manifests in the cache.
 */
class OnnxRuntimeModelsTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeModelsTest.class);
    private static final List<String> IMAGES = List.of("images/grace_hopper.bmp", "images/000000000025.jpg");

    @TempDir
    Path cache;

    @BeforeAll
    static void noOtherEngineBehindOnnxRuntime() {
        // ONNX Runtime's DJL arrays hand operators they lack to another engine (MXNet here) unless told not to:
        // with this, a translator needing an MXNet operator on the ONNX Runtime path fails this test
        System.setProperty("ai.djl.onnx.disable_alternative", "true");
    }

    @Test
    void everyTaskOnOnnxRuntimeGivesMxnetsResultsAndItsCacheHoldsOnnxFilesWithManifests() throws Exception {
        // given
        List<RgbImage> frames = new ArrayList<>();
        for (String image : IMAGES) {
            frames.add(new ImageDecoder().decode(Files.readAllBytes(datasets().resolve(image))));
        }
        for (VisionTask task : VisionTask.values()) {
            // when
            List<?> mxnet = infer("MXNet", task, frames);
            List<?> onnx = infer("onnxruntime", task, frames);
            assertThat(Engine.getEngine("OnnxRuntime").getAlternativeEngine()).as("MXNet behind ONNX Runtime").isNull();

            // then
            for (int i = 0; i < frames.size(); i++) {
                assertSame(task, mxnet.get(i), onnx.get(i));
            }
        }
        Path converted = cache.resolve("converted");
        try (Stream<Path> files = Files.walk(converted)) {
            List<Path> onnxFiles = files.filter(f -> f.toString().endsWith(".onnx")).toList();
            assertThat(onnxFiles).hasSize(3);
            for (Path onnx : onnxFiles) {
                ModelManifest manifest = ModelManifest.read(onnx.getParent());
                assertThat(manifest.format()).isEqualTo("onnx");
                assertThat(manifest.precision()).isEqualTo("fp32");
                assertThat(manifest.convertedFiles().has(onnx.getFileName().toString())).isTrue();
                assertThat(onnx.getParent().getFileName().toString()).endsWith("-onnx");
                try (Stream<Path> beside = Files.list(onnx.getParent())) {
                    assertThat(beside.map(p -> p.getFileName().toString()))
                            .noneMatch(n -> n.endsWith("-anchors.json") || n.endsWith("-postprocess.json")
                                    || n.equals("input.txt") || n.endsWith("-symbol.json"));
                }
            }
        }
        JsonNode detector = ModelManifestJson.read(converted, "ssdlite_mobilenet_v2_coco", "-onnx");
        assertThat(detector.path("postprocess").path("anchors").path("count").asInt()).isEqualTo(1917);
    }

    private List<?> infer(String engine, VisionTask task, List<RgbImage> frames) throws Exception {
        VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.engine", engine,
                "vision.model.precision", "fp32", "vision.models.cache", cache.toString())); // auto: INT8 on VNNI for MXNet
        try (VisionModel<?> model = new ModelLoader(config).load(task, Device.cpu());
             Inferer<?> inferer = model.newInferer()) {
            LOG.info("{} on {}: {}", task.configName(), model.info().engine(), model.info().device());
            assertThat(model.info().engine()).startsWith(Engines.named(engine).djlName());
            assertThat(model.info().device()).isEqualTo(Device.cpu().toString());
            return inferer.infer(frames);
        }
    }

    private static void assertSame(VisionTask task, Object mxnet, Object onnx) {
        if (mxnet instanceof ClassificationResult m && onnx instanceof ClassificationResult o) {
            assertThat(o.topK().get(0).index()).isEqualTo(m.topK().get(0).index());
            assertThat((double) o.topK().get(0).score()).isCloseTo(m.topK().get(0).score(),
                    org.assertj.core.data.Offset.offset(1e-3));
        } else if (mxnet instanceof DetectionResult m && onnx instanceof DetectionResult o) {
            assertThat(o.objects()).hasSameSizeAs(m.objects()).isNotEmpty();
            for (int k = 0; k < m.objects().size(); k++) {
                Detection a = m.objects().get(k);
                Detection b = o.objects().get(k);
                assertThat(b.classId()).isEqualTo(a.classId());
                assertThat(Math.abs(b.xMin() - a.xMin()) + Math.abs(b.yMax() - a.yMax())).isLessThan(1e-3f);
            }
        } else if (mxnet instanceof SegmentationResult m && onnx instanceof SegmentationResult o) {
            int same = 0;
            for (int k = 0; k < m.labels().length; k++) {
                same += m.labels()[k] == o.labels()[k] ? 1 : 0;
            }
            LOG.info("segmentation: pixel agreement onnxruntime vs mxnet {}", (double) same / m.labels().length);
            assertThat((double) same / m.labels().length).isGreaterThan(0.999);
        } else {
            throw new AssertionError(task + ": unexpected results " + mxnet + ", " + onnx);
        }
    }

    private static Path datasets() {
        return Path.of(System.getProperty("vision.datasets.dir"));
    }

    /** A cached model's manifest as JSON, by model name and cache folder suffix. */
    private static final class ModelManifestJson {
        static JsonNode read(Path converted, String model, String suffix) throws Exception {
            try (Stream<Path> dirs = Files.list(converted.resolve(model))) {
                Path dir = dirs.filter(d -> d.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(ModelManifest.FILE).toFile());
            }
        }
    }
}
