package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfliteConverterTest {

    @TempDir
    Path dir;

    @Test
    void mobileNetV2At224IsFlippedInsteadOfPaddedAndOutputsSoftmax() throws Exception {
        // when
        TfliteConversion c = TfliteConverter.toMxNet(TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2)));

        // then: every stride-2 layer sees an even input, so the flip removes all five Pads
        assertThat(c.flipped()).isTrue();
        assertThat(c.padOps()).isZero();
        assertThat(c.impliedRelu6()).isZero();
        assertThat(c.inputShape()).containsExactly(1, 3, 224, 224);
        assertThat(c.inputScale()).isEqualTo(1f / 128);
        assertThat(c.inputZeroPoint()).isEqualTo(128);
        assertThat(c.outputShapes()).singleElement().satisfies(s -> assertThat(s).containsExactly(1, 1001));
        assertThat(ops(c)).doesNotContain("Pad").containsOnlyOnce("slice").endsWith("Reshape", "softmax");
    }

    @Test
    void mobileNetV2WithoutTheFlipNeedsOnePadPerStride2Layer() throws Exception {
        TfliteConversion c = TfliteConverter.toMxNet(
                TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2)), TfliteConverter.Flip.NEVER);

        assertThat(c.flipped()).isFalse();
        assertThat(c.padOps()).isEqualTo(5);
    }

    @Test
    void deepLabAt513NeedsNoFlipAndOutputsClassLogitsAtInputResolution() throws Exception {
        TfliteConversion c = TfliteConverter.toMxNet(TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.DEEPLAB)));

        assertThat(c.flipped()).isFalse();
        assertThat(c.padOps()).isZero();
        assertThat(c.inputShape()).containsExactly(1, 3, 513, 513);
        assertThat(c.outputShapes()).singleElement().satisfies(s -> assertThat(s).containsExactly(1, 21, 513, 513));
        assertThat(ops(c)).doesNotContain("slice", "Pad", "argmax").endsWith("_contrib_BilinearResize2D")
                .containsOnlyOnce("_contrib_BilinearResize2D", "broadcast_to", "Concat");
    }

    @Test
    void convertingTwiceWritesIdenticalFiles() throws Exception {
        // when
        TfliteTestModels.convert(TfliteTestModels.MOBILENET_V2, dir.resolve("a"));
        TfliteTestModels.convert(TfliteTestModels.MOBILENET_V2, dir.resolve("b"));

        // then
        for (String file : new String[] {"-symbol.json", "-0000.params"}) {
            String name = TfliteTestModels.MOBILENET_V2 + file;
            assertThat(Files.mismatch(dir.resolve("a").resolve(name), dir.resolve("b").resolve(name))).isEqualTo(-1L);
        }
    }

    @Test
    void flipTrickGivesTheSameProbabilitiesAsExplicitPads() throws Exception {
        // given: the same model converted with the flip and with Pad ops
        TfliteModel model = TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2));
        float[] input = tensor("tensors/cls224/cat.bmp.png");

        // when
        float[] flipped = run(TfliteConverter.toMxNet(model, TfliteConverter.Flip.ALWAYS), "flipped", input);
        float[] padded = run(TfliteConverter.toMxNet(model, TfliteConverter.Flip.NEVER), "padded", input);

        // then: DESIGN.md measured 8e-8; rounding order differs, the sampled grid does not
        assertThat(maxAbsDiff(flipped, padded)).isLessThan(1e-5);
        assertThat(flipped[286]).isGreaterThan(0.5f); // Egyptian cat, so the comparison is not of garbage
    }

    @Test
    void flippedDeepLabGivesTheSameLogitsOnceTheOutputIsUnflipped() throws Exception {
        // given: a dense output, where a wrong flip would show as a mirrored map
        TfliteModel model = TfliteModel.read(TfliteTestModels.tflite(TfliteTestModels.DEEPLAB));
        float[] input = tensor("tensors/seg513/0_image.png.png");

        // when
        float[] flipped = run(TfliteConverter.toMxNet(model, TfliteConverter.Flip.ALWAYS), "flipped", input);
        float[] plain = run(TfliteConverter.toMxNet(model, TfliteConverter.Flip.NEVER), "plain", input);

        // then: logits span about [-7, 44]
        assertThat(maxAbsDiff(flipped, plain)).isLessThan(1e-3);
    }

    private float[] run(TfliteConversion c, String name, float[] input) throws Exception {
        c.graph().save(dir, name, c.heads().toArray(MxGraph.Ref[]::new));
        int[] s = c.inputShape();
        try (ZooModel<NDList, NDList> model = TfliteTestModels.loadRaw(dir, name);
             NDManager manager = model.getNDManager().newSubManager()) {
            return TfliteTestModels.run(model, new NDList(manager.create(input, new Shape(s[0], s[1], s[2], s[3]))));
        }
    }

    private static float[] tensor(String file) throws Exception {
        RgbImage image = new ImageDecoder().decode(Files.readAllBytes(TfliteTestModels.datasetsDir().resolve(file)));
        return ImageTensors.normalizedChw(image, 128f, 1f / 128);
    }

    /** The operator names of the converted graph, in order, without variables. */
    static List<String> ops(TfliteConversion c) throws Exception {
        JsonNode nodes = new ObjectMapper().readTree(c.graph().toSymbolJson(c.heads().toArray(MxGraph.Ref[]::new)))
                .get("nodes");
        List<String> ops = new ArrayList<>();
        nodes.forEach(n -> {
            if (!"null".equals(n.get("op").asText())) {
                ops.add(n.get("op").asText());
            }
        });
        return ops;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
