package io.visionstreams.inference.convert.tfjs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.detection.SsdAnchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsSsdConverterTest {

    private static final Path MODEL_JSON =
            Path.of(System.getenv("VISION_MODELS_DIR"), "ssdlite_mobilenet_v2_coco", "model.json");

    @TempDir
    Path tmp;

    @Test
    void convertingTwiceGivesIdenticalFiles() throws Exception {
        // given / when
        TfjsSsdConverter.Result a = TfjsSsdConverter.convert(MODEL_JSON, tmp.resolve("a"), "ssd");
        TfjsSsdConverter.Result b = TfjsSsdConverter.convert(MODEL_JSON, tmp.resolve("b"), "ssd");

        // then
        assertThat(Files.mismatch(a.symbolFile(), b.symbolFile())).isEqualTo(-1L);
        assertThat(Files.mismatch(a.paramsFile(), b.paramsFile())).isEqualTo(-1L);
        assertThat(Files.mismatch(a.anchorsFile(), b.anchorsFile())).isEqualTo(-1L);
        assertThat(a.sourceSha256()).isEqualTo(b.sourceSha256()).hasSize(64);
    }

    @Test
    void graphUsesTheFlipInsteadOfPadOpsAndFoldsEveryBatchNorm() throws Exception {
        // given / when
        TfjsSsdConverter.Result r = TfjsSsdConverter.convert(MODEL_JSON, tmp, "ssd");
        Map<String, Integer> ops = new TreeMap<>();
        JsonNode symbol = new ObjectMapper().readTree(r.symbolFile().toFile());
        for (JsonNode node : symbol.path("nodes")) {
            ops.merge(node.path("op").asText(), 1, Integer::sum);
        }

        // then: 55 Conv2D + 33 depthwise, one clip per Relu6, one add per residual, nothing else heavy
        assertThat(r.flippedUnevenPads()).isEqualTo(5);
        assertThat(ops).doesNotContainKeys("Pad", "BatchNorm", "broadcast_add", "broadcast_mul", "take");
        assertThat(ops).containsEntry("Convolution", 88).containsEntry("clip", 59)
                .containsEntry("elemwise_add", 10).containsEntry("sigmoid", 1)
                // one flip of the input, nothing flips back: the anchors file maps the rows
                .containsEntry("slice", 1).containsEntry("Concat", 2);
        assertThat(symbol.path("heads")).hasSize(2);
    }

    @Test
    void anchorsFileHoldsTheGraphsAnchorConstantBitForBit() throws Exception {
        // given
        TfjsSsdConverter.Result r = TfjsSsdConverter.convert(MODEL_JSON, tmp, "ssd");
        float[] constant = TfjsGraphModel.read(MODEL_JSON).weight("Postprocessor/ExpandDims").floatValues();

        // when
        SsdAnchors anchors = SsdAnchors.read(r.anchorsFile());

        // then: TF's anchors; anchor 0 (head 0, 19x19 grid, 3 per cell, cell (0,0)) sits in the
        // mirrored cell 360, anchor 1083 (head 1, cell (0,0) of 10x10, 6 per cell) in 1083 + 99 * 6
        assertThat(anchors.count()).isEqualTo(1917);
        assertThat(anchors.toArray()).containsExactly(constant);
        assertThat(anchors.row(0)).isEqualTo(360 * 3);
        assertThat(anchors.row(2)).isEqualTo(360 * 3 + 2);
        assertThat(anchors.row(1083 + 7)).isEqualTo(1083 + 98 * 6 + 1);
        assertThat(anchors.row(1916)).isEqualTo(1916);
    }
}
