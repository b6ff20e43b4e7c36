package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import io.visionstreams.inference.DjlVisionModel;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images per second of the converted detector on this machine's CPU with MKLDNN, at batch 1 and 8:
 * the network alone (pre-made input tensor) and the whole translator (resize, normalize, decode, NMS).
 * Opt-in ({@code -Dvision.bench=true}): it takes about a minute and the numbers depend on the load.
 */
@EnabledIfSystemProperty(named = "vision.bench", matches = "true")
class DetectionThroughputTest {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionThroughputTest.class);
    private static final int FRAMES = 160;

    @Test
    void measuresImagesPerSecondAtBatchOneAndEight() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            images.add(SsdFixtures.image(SsdFixtures.IMAGES[i % SsdFixtures.IMAGES.length]));
        }
        try (ZooModel<NDList, NDList> raw = SsdFixtures.rawModel();
             Predictor<NDList, NDList> predictor = raw.newPredictor();
             NDManager nd = NDManager.newBaseManager()) {
            for (int batch : new int[] {1, 8}) {
                float[] input = new float[batch * 3 * 300 * 300];
                for (int b = 0; b < batch; b++) {
                    SsdImageInput.fill(images.get(b), 300, input, b * 3 * 300 * 300);
                }
                NDList x = new NDList(nd.create(input, new Shape(batch, 3, 300, 300)));
                for (int i = 0; i < 3; i++) {
                    predictor.predict(x).close();
                }
                long start = System.nanoTime();
                for (int i = 0; i < FRAMES / batch; i++) {
                    predictor.predict(x).close();
                }
                double perSecond = FRAMES / ((System.nanoTime() - start) / 1e9);
                LOG.info("network only, batch {}: {} img/s", batch, String.format("%.1f", perSecond));
                assertThat(perSecond).isPositive();
            }
        }
        DetectionTranslator translator = DetectionTranslator.forModel(SsdFixtures.converted().dir(), SsdFixtures.NAME,
                SsdFixtures.labelsFile(), DetectionOptions.DEFAULTS);
        try (DjlVisionModel<DetectionResult> model = DjlVisionModel.load(SsdFixtures.converted(),
                VisionTask.DETECTION, DetectionResult.class, translator, Device.cpu());
             Inferer<DetectionResult> inferer = model.newInferer()) {
            for (int batch : new int[] {1, 8}) {
                for (int i = 0; i < 3; i++) {
                    inferer.infer(images.subList(0, batch));
                }
                long start = System.nanoTime();
                for (int i = 0; i < FRAMES; i += batch) {
                    assertThat(inferer.infer(images.subList(i, i + batch))).hasSize(batch);
                }
                double perSecond = FRAMES / ((System.nanoTime() - start) / 1e9);
                LOG.info("translator end to end, batch {}: {} img/s", batch, String.format("%.1f", perSecond));
            }
        }
    }
}
