package io.visionstreams.inference.convert.mxnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MxUnsignedActivationsTest {

    private static final int[] ONE = {1, 1};
    private static final int[] NO_PAD = {0, 0};

    @TempDir
    Path dir;

    /**
     * A MobileNetV2-like piece: a projection {@code proj} (range [-4, 4]) read by an expand conv,
     * a global average pool and a residual sum with another projection {@code side}; the sum
     * (range [-6, 6]) read by a last conv. Outputs: the expand conv, the pooled branch, the last conv.
     */
    private static MxGraph piece() {
        MxGraph g = new MxGraph();
        MxGraph.Ref data = g.input("data");
        MxGraph.Ref proj = conv(g, "proj", data, new float[] {1f, -0.5f, 0.25f, 1f}, new float[] {0.5f, -0.25f});
        g.knownRange(proj, -4f, 4f);
        MxGraph.Ref expand = conv(g, "expand", proj, new float[] {0.5f, 1f, -1f, 0.75f}, new float[] {0.1f, 0.2f});
        MxGraph.Ref pool = g.op("Pooling", "pool", Map.of("kernel", "(3, 3)", "pool_type", "avg",
                "global_pool", "True"), proj);
        MxGraph.Ref pooled = conv(g, "pooled", pool, new float[] {2f, -1f, 0.5f, 0.5f}, new float[] {0f, 1f});
        MxGraph.Ref side = conv(g, "side", data, new float[] {-1f, 0.5f, 0.5f, 1f}, new float[] {0.3f, 0f});
        MxGraph.Ref sum = g.add("sum", side, proj);
        g.knownRange(sum, -6f, 6f);
        MxGraph.Ref last = conv(g, "last", sum, new float[] {1f, 1f, -0.5f, 2f}, new float[] {-0.2f, 0.4f});
        g.knownRange(expand, 0f, 6f);
        return g;
    }

    private static MxGraph.Ref conv(MxGraph g, String name, MxGraph.Ref x, float[] w, float[] b) {
        return g.convolution(name, x, g.param(name + "_weight", new int[] {2, 2, 1, 1}, w),
                g.param(name + "_bias", new int[] {2}, b), ONE, ONE, NO_PAD, 2, 1);
    }

    @Test
    void shiftedGraphComputesTheSameOutputsAndItsShiftedTensorsAreNonNegative() throws Exception {
        // given: the float piece, and inputs that keep every tensor inside its stated range
        MxGraph g = piece();
        MxGraph.Ref[] heads = {ref(g, "expand"), ref(g, "pooled"), ref(g, "last")};
        String symbol = g.toSymbolJson(heads);
        float[] input = new float[2 * 3 * 3];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i * 0.7) * 0.9f;
        }

        // when
        MxUnsignedActivations.Result r = MxUnsignedActivations.rewrite(symbol, g.params(), g.knownRanges());

        // then: the projection and the sum are shifted by 4 and 6 (the side projection is fused with the sum),
        // calibrated at twice their range (7-bit codes)
        assertThat(r.shifted()).containsExactly("proj", "sum");
        assertThat(r.ranges().get("proj" + MxUnsignedActivations.SUFFIX)).containsExactly(0f, 16f);
        assertThat(r.ranges().get("sum" + MxUnsignedActivations.SUFFIX)).containsExactly(0f, 24f);
        assertThat(r.symbolJson()).contains("\"proj_u8\"").contains("\"sum_u8\"").doesNotContain("side_u8");
        // and every output is the float graph's
        List<float[]> before = run("before", symbol, g.params(), input);
        List<float[]> after = run("after", r.symbolJson(), r.params(), input);
        for (int h = 0; h < before.size(); h++) {
            for (int i = 0; i < before.get(h).length; i++) {
                assertThat(after.get(h)[i]).as("output %d[%d]", h, i).isCloseTo(before.get(h)[i], within(1e-5f));
            }
        }
        // the float parameters given are left as they were
        assertThat(g.params().get("proj_bias").values()).containsExactly(0.5f, -0.25f);
    }

    @Test
    void tensorsReadByAPaddedConvolutionOrAnOutputStayAsTheyAre() throws Exception {
        // given: a signed tensor read by a 3x3 convolution with padding, and one that is an output
        MxGraph g = new MxGraph();
        MxGraph.Ref data = g.input("data");
        MxGraph.Ref proj = conv(g, "proj", data, new float[] {1f, 0f, 0f, 1f}, new float[] {0f, 0f});
        g.knownRange(proj, -1f, 1f);
        MxGraph.Ref padded = g.convolution("padded", proj, g.param("padded_weight", new int[] {2, 2, 3, 3},
                new float[36]), g.param("padded_bias", new int[] {2}, new float[2]), new int[] {3, 3}, ONE,
                new int[] {1, 1}, 2, 1);
        g.knownRange(padded, -2f, 2f);

        // when
        MxUnsignedActivations.Result r = MxUnsignedActivations.rewrite(g.toSymbolJson(padded), g.params(),
                g.knownRanges());

        // then
        assertThat(r.shifted()).isEmpty();
        assertThat(r.params()).isSameAs(g.params());
    }

    private static MxGraph.Ref ref(MxGraph g, String name) throws Exception {
        com.fasterxml.jackson.databind.JsonNode nodes = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(g.toSymbolJson()).get("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).get("name").asText().equals(name)) {
                return new MxGraph.Ref(i, 0);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private List<float[]> run(String name, String symbol, Map<String, MxParams.Tensor> params, float[] input)
            throws Exception {
        Path model = dir.resolve(name);
        Files.createDirectories(model);
        Files.writeString(model.resolve(name + "-symbol.json"), symbol);
        MxParams.write(model.resolve(name + "-0000.params"), params);
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(model).optModelName(name).optEngine("MXNet").optDevice(Device.cpu())
                .optTranslator(new NoopTranslator()).build();
        try (ZooModel<NDList, NDList> m = criteria.loadModel(); Predictor<NDList, NDList> p = m.newPredictor()) {
            NDList out = p.predict(new NDList(m.getNDManager().create(input, new Shape(1, 2, 3, 3))));
            List<float[]> values = new ArrayList<>();
            out.forEach(a -> values.add(a.toFloatArray()));
            return values;
        }
    }
}
