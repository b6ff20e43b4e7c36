package io.visionstreams.inference.convert.mxnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.convert.tflite.TfliteConverter;
import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The final resize taken out of the real converted graphs: DeepLab's, and none from MobileNetV2. */
class MxTrailingResizeTest {

    @TempDir
    Path out;

    @Test
    void takesDeepLabsLogitUpsamplingOutAndNamesItsSizeAndMode() throws Exception {
        // given DeepLab converted from its TFLite file: a graph ending in the 33x33 -> 513x513 resize of the logits
        TfliteConverter.convert(TfliteTestModels.tflite(TfliteTestModels.DEEPLAB), out, TfliteTestModels.DEEPLAB);
        String symbol = Files.readString(out.resolve(TfliteTestModels.DEEPLAB + "-symbol.json"));
        assertThat(symbol).contains("_contrib_BilinearResize2D");

        // when
        MxTrailingResize.Result result = MxTrailingResize.strip(symbol);

        // then the graph ends at the logits convolution, and the resize is described for the translator
        assertThat(result.symbolJson()).doesNotContain("_contrib_BilinearResize2D");
        var root = MxSymbolJson.JSON.readTree(result.symbolJson());
        int head = root.get("heads").get(0).get(0).asInt();
        assertThat(head).isEqualTo(root.get("nodes").size() - 1);
        assertThat(root.get("nodes").get(head).get("name").asText()).isEqualTo("logits_semantic_BiasAdd");
        assertThat(result.removed()).contains(new MxTrailingResize.Resize(513, 513, true));
        assertThat(MxTrailingResize.Resize.fromMarker(result.removed().get().marker())).isEqualTo(result.removed());
    }

    @Test
    void leavesAGraphThatDoesNotEndInAResizeAsItIs() throws Exception {
        TfliteConverter.convert(TfliteTestModels.tflite(TfliteTestModels.MOBILENET_V2), out, TfliteTestModels.MOBILENET_V2);
        String symbol = Files.readString(out.resolve(TfliteTestModels.MOBILENET_V2 + "-symbol.json"));

        MxTrailingResize.Result result = MxTrailingResize.strip(symbol);

        assertThat(result.removed()).isEmpty();
        assertThat(result.symbolJson()).isEqualTo(symbol);
    }
}
