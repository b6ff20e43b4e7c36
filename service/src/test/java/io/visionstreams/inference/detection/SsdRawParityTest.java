package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The converted graph against the TF.js reference's raw outputs ({@code det_raw/}): same decoded
 * JPEGs, TF.js-style resize and normalization, then sigmoid scores and decoded boxes per anchor.
 */
class SsdRawParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(SsdRawParityTest.class);
    private static final int ANCHORS = 1917;

    private static ZooModel<NDList, NDList> model;
    private static SsdAnchors anchors;

    @BeforeAll
    static void load() throws Exception {
        model = SsdFixtures.rawModel();
        anchors = SsdAnchors.read(SsdAnchors.file(SsdFixtures.converted().dir(), SsdFixtures.NAME));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void scoresAndDecodedBoxesMatchTfjsReferenceOnFiveCocoImages() throws Exception {
        double worstScore = 0;
        double worstBox = 0;
        try (Predictor<NDList, NDList> predictor = model.newPredictor(); NDManager nd = NDManager.newBaseManager()) {
            for (String file : SsdFixtures.IMAGES) {
                // given: the reference's own decoded image, resized and normalized as the TF.js graph does
                float[] input = SsdImageInput.of(SsdFixtures.image(file), 300);
                float[] refScores = SsdFixtures.referenceFloats(file + ".scores.f32");
                float[] refBoxes = SsdFixtures.referenceFloats(file + ".boxes.f32");

                // when
                NDList out = predictor.predict(new NDList(nd.create(input, new Shape(1, 3, 300, 300))));
                float[] encodings = out.get(0).toFloatArray();
                float[] scores = out.get(1).toFloatArray();
                float[] boxes = BoxDecoder.decode(encodings, 0, anchors);

                // then
                assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, ANCHORS, 4));
                assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, ANCHORS, 91));
                double maxScore = 0;
                double maxBox = 0;
                for (int a = 0; a < ANCHORS; a++) {
                    for (int c = 0; c < 90; c++) {
                        float ours = scores[anchors.row(a) * 91 + c + 1];
                        maxScore = Math.max(maxScore, Math.abs(ours - refScores[a * 90 + c]));
                    }
                    for (int k = 0; k < 4; k++) {
                        maxBox = Math.max(maxBox, Math.abs(boxes[a * 4 + k] - refBoxes[a * 4 + k]));
                    }
                }
                LOG.info("{}: max |score diff| {}, max |box diff| {}", file, maxScore, maxBox);
                worstScore = Math.max(worstScore, maxScore);
                worstBox = Math.max(worstBox, maxBox);
            }
        }
        LOG.info("all five images: max |score diff| {}, max |box diff| {}", worstScore, worstBox);
        // measured 1.9e-6 and 7.7e-7 (MKLDNN, this machine's CPU); margin for other CPUs' kernels
        assertThat(worstScore).isLessThan(1e-5);
        assertThat(worstBox).isLessThan(5e-6);
    }
}
