package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The two catalog detectors side by side in one JVM, images per second on this machine's CPU with
 * MKLDNN at batch 1 and 8: the network alone (a pre-made input tensor) and the whole translator
 * (resize, normalize, network, decode, NMS), alternating models per measurement so both see the
 * same load. Opt-in ({@code -Dvision.bench=true}); the last line printed is one JSON object:
 * <pre>mvn -B -o test -Dtest=DetectorComparisonThroughputTest -Dvision.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "vision.bench", matches = "true")
class DetectorComparisonThroughputTest {

    private static final int FRAMES = 96;
    private static final int[] BATCHES = {1, 8};

    @Test
    void measuresBothDetectorsAtBatchOneAndEight() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            images.add(SsdFixtures.image(SsdFixtures.IMAGES[i % SsdFixtures.IMAGES.length]));
        }
        ConvertedModel lite = SsdFixtures.converted();
        ConvertedModel v1 = SsdV1Fixtures.converted();
        Map<String, Double> result = new LinkedHashMap<>();
        try (ZooModel<NDList, NDList> rawLite = raw(lite); ZooModel<NDList, NDList> rawV1 = raw(v1);
             Predictor<NDList, NDList> pLite = rawLite.newPredictor();
             Predictor<NDList, NDList> pV1 = rawV1.newPredictor();
             NDManager nd = NDManager.newBaseManager()) {
            for (int batch : BATCHES) {
                NDList x = new NDList(nd.randomUniform(-1, 1, new Shape(batch, 3, 300, 300)));
                result.put("ssdlite_network_b" + batch + "_img_per_s", network(pLite, x, batch));
                result.put("ssd_v1_network_b" + batch + "_img_per_s", network(pV1, x, batch));
            }
        }
        DetectionTranslator liteTranslator = DetectionTranslator.forModel(lite.dir(), lite.name(),
                SsdFixtures.labelsFile(), DetectionOptions.DEFAULTS);
        try (DjlVisionModel<DetectionResult> mLite = DjlVisionModel.load(lite, VisionTask.DETECTION,
                DetectionResult.class, liteTranslator, Device.cpu());
             DjlVisionModel<DetectionResult> mV1 = SsdV1Fixtures.loadPublished(0.3, 100);
             Inferer<DetectionResult> iLite = mLite.newInferer();
             Inferer<DetectionResult> iV1 = mV1.newInferer()) {
            for (int batch : BATCHES) {
                result.put("ssdlite_translator_b" + batch + "_img_per_s", endToEnd(iLite, images, batch));
                result.put("ssd_v1_translator_b" + batch + "_img_per_s", endToEnd(iV1, images, batch));
            }
        }
        result.forEach((k, v) -> assertThat(v).as(k).isPositive());
        StringBuilder json = new StringBuilder("{\"cores\":" + Runtime.getRuntime().availableProcessors());
        result.forEach((k, v) -> json.append(",\"").append(k).append("\":").append(Math.round(v * 100) / 100.0));
        System.out.println(json.append('}'));
    }

    private static ZooModel<NDList, NDList> raw(ConvertedModel m) throws Exception {
        return Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(m.dir()).optModelName(m.name()).optEngine("MXNet").optDevice(Device.cpu())
                .optOption("MxOptimizeFor", "MKLDNN").optTranslator(new NoopTranslator()).build().loadModel();
    }

    private static double network(Predictor<NDList, NDList> predictor, NDList x, int batch) throws Exception {
        for (int i = 0; i < 3; i++) {
            predictor.predict(x).close();
        }
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES / batch; i++) {
            predictor.predict(x).close();
        }
        return FRAMES / ((System.nanoTime() - start) / 1e9);
    }

    private static double endToEnd(Inferer<DetectionResult> inferer, List<RgbImage> images, int batch)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            inferer.infer(images.subList(0, batch));
        }
        long start = System.nanoTime();
        for (int i = 0; i < FRAMES; i += batch) {
            assertThat(inferer.infer(images.subList(i, i + batch))).hasSize(batch);
        }
        return FRAMES / ((System.nanoTime() - start) / 1e9);
    }
}
