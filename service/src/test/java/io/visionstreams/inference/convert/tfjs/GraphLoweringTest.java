package io.visionstreams.inference.convert.tfjs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphLoweringTest {

    @TempDir
    Path dir;

    @Test
    void unsupportedOpFailsWithTheNodeNameInsteadOfConvertingWrongly() throws Exception {
        // given: in -> 1x1 Conv2D -> Tanh (not in the supported op set)
        Files.write(dir.resolve("shard"), new byte[] {0, 0, (byte) 0x80, 0x3f}); // 1.0f little-endian
        Files.writeString(dir.resolve("model.json"), """
                {"modelTopology": {"node": [
                  {"name": "in", "op": "Placeholder"},
                  {"name": "w", "op": "Const"},
                  {"name": "conv", "op": "Conv2D", "input": ["in", "w"], "attr": {
                    "strides": {"list": {"i": ["1", "1", "1", "1"]}},
                    "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
                    "padding": {"s": "U0FNRQ=="}, "data_format": {"s": "TkhXQw=="}}},
                  {"name": "act", "op": "Tanh", "input": ["conv"]}
                ]},
                 "weightsManifest": [{"paths": ["shard"],
                   "weights": [{"name": "w", "shape": [1, 1, 1, 1], "dtype": "float32"}]}]}
                """);
        TfjsGraphModel tf = TfjsGraphModel.read(dir.resolve("model.json"));
        MxGraph mx = new MxGraph();
        Value.Feature input = new Value.Feature(mx.input("data"), 1, 2, 2);

        // when / then
        GraphLowering lowering = new GraphLowering(tf, mx, "in", input, List.of("act"));
        assertThatThrownBy(() -> lowering.output("act")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("act").hasMessageContaining("Tanh");
    }

    @Test
    void shardsShorterThanTheManifestAreRejected() throws Exception {
        // given: the manifest promises 4 floats, the shard holds 1
        Files.write(dir.resolve("shard"), new byte[4]);
        Files.writeString(dir.resolve("model.json"), """
                {"modelTopology": {"node": [{"name": "w", "op": "Const"}]},
                 "weightsManifest": [{"paths": ["shard"],
                   "weights": [{"name": "w", "shape": [2, 2], "dtype": "float32"}]}]}
                """);

        // when / then
        assertThatThrownBy(() -> TfjsGraphModel.read(dir.resolve("model.json")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("w");
    }
}
