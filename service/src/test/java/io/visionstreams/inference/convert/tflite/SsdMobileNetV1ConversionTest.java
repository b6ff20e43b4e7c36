package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.detection.PostProcessOptions;
import io.visionstreams.inference.detection.SsdAnchors;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TF's SSD-MobileNetV1 TFLite example ({@code detect.tflite}, uint8, ending in {@code TFLite_Detection_PostProcess}). */
class SsdMobileNetV1ConversionTest {

    private static TfliteModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        model = TfliteModel.read(TfliteTestModels.modelsDir().resolve("ssd_mobilenet_v1_coco").resolve("detect.tflite"));
    }

    @Test
    void convertsUpToThePostProcessOpWithItsAnchorsOptionsAndMirroredRows() throws Exception {
        // when
        TfliteConversion c = TfliteConverter.toMxNet(model);

        // then: the heads are the op's inputs, rows as the flipped network leaves them
        assertThat(c.flipped()).isTrue();
        assertThat(c.padOps()).isZero();
        assertThat(c.inputShape()).containsExactly(1, 3, 300, 300);
        assertThat(c.inputScale()).isEqualTo(1f / 128);
        assertThat(c.inputZeroPoint()).isEqualTo(128);
        assertThat(c.outputShapes()).satisfiesExactly(s -> assertThat(s).containsExactly(1, 1917, 4),
                s -> assertThat(s).containsExactly(1, 1917, 91));
        assertThat(TfliteConverterTest.ops(c)).doesNotContain("Pad").containsOnlyOnce("slice");
        TfliteConversion.Detector d = c.detector().orElseThrow();
        // the op's FlexBuffer options, as the reference's README states them
        assertThat(d.options()).isEqualTo(new PostProcessOptions(10, 1, 100, 1e-8f, 0.6f, 90, false, 10f, 10f, 5f, 5f));
        SsdAnchors anchors = d.anchors();
        assertThat(anchors.layout()).isEqualTo(SsdAnchors.Layout.CENTER_SIZE);
        assertThat(anchors.count()).isEqualTo(1917);
        // head 0 is 19x19 cells of 3 anchors: TF's first cell is the flipped network's last one
        assertThat(anchors.row(0)).isEqualTo((18 * 19 + 18) * 3);
        assertThat(anchors.row(1082)).isEqualTo(2);
        assertThat(anchors.row(1916)).isEqualTo(1916); // the 1x1 head is its own mirror image
        assertThat(IntStream.range(0, 1917).map(anchors::row).sorted().toArray())
                .containsExactly(IntStream.range(0, 1917).toArray());
        // centre-size anchors of a 300x300 SSD: the first one centred in cell (0, 0) of 19x19
        assertThat(anchors.yCenter(0)).isCloseTo(0.5f / 19, org.assertj.core.data.Offset.offset(0.007f));
        assertThat(anchors.xCenter(0)).isCloseTo(0.5f / 19, org.assertj.core.data.Offset.offset(0.007f));
    }

    @Test
    void rowMapOfTheFlippedGraphGivesTheOutputsOfThePaddedOne() throws Exception {
        // given: a real input tensor of the reference
        RgbImage tensor = new ImageDecoder().decode(Files.readAllBytes(TfliteTestModels.datasetsDir()
                .resolve("ssd_mobilenet_v1").resolve("tensors").resolve("000000000025.jpg.png")));
        float[] input = ImageTensors.normalizedChw(tensor, 128f, 1f / 128);

        // when
        TfliteConversion flipped = TfliteConverter.toMxNet(model, TfliteConverter.Flip.ALWAYS);
        TfliteConversion padded = TfliteConverter.toMxNet(model, TfliteConverter.Flip.NEVER);
        float[][] f = run(flipped, "flipped", input);
        float[][] p = run(padded, "padded", input);

        // then: TF's anchor i is row rows[i] of the flipped outputs and row i of the padded ones
        SsdAnchors rows = flipped.detector().orElseThrow().anchors();
        assertThat(padded.padOps()).isPositive();
        assertThat(IntStream.range(0, 1917).allMatch(i -> padded.detector().orElseThrow().anchors().row(i) == i))
                .isTrue();
        double maxBox = 0;
        double maxScore = 0;
        for (int i = 0; i < 1917; i++) {
            for (int k = 0; k < 4; k++) {
                maxBox = Math.max(maxBox, Math.abs(f[0][4 * rows.row(i) + k] - p[0][4 * i + k]));
            }
            for (int k = 0; k < 91; k++) {
                maxScore = Math.max(maxScore, Math.abs(f[1][91 * rows.row(i) + k] - p[1][91 * i + k]));
            }
        }
        assertThat(maxBox).isLessThan(1e-4);
        assertThat(maxScore).isLessThan(1e-5);
        assertThat(Arrays.equals(f[1], p[1])).as("the flipped rows are in another order").isFalse();
    }

    @Test
    void mirroredRowsMapEachCellToItsPointReflection() {
        assertThat(RowOps.mirrored(2, 3, 1)).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(RowOps.mirrored(1, 2, 2)).containsExactly(2, 3, 0, 1);
    }

    private float[][] run(TfliteConversion c, String name, float[] input) throws Exception {
        Path out = dir.resolve(name);
        c.graph().save(out, name, c.heads().toArray(MxGraph.Ref[]::new));
        try (ZooModel<NDList, NDList> m = TfliteTestModels.loadRaw(out, name);
             Predictor<NDList, NDList> predictor = m.newPredictor();
             NDManager nd = NDManager.newBaseManager()) {
            NDList result = predictor.predict(new NDList(nd.create(input, new Shape(1, 3, 300, 300))));
            return new float[][] {result.get(0).toFloatArray(), result.get(1).toFloatArray()};
        }
    }
}
