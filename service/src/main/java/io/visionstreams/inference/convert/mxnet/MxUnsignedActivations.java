package io.visionstreams.inference.convert.mxnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before INT8 quantization: shifts signed activations to non-negative ones, so every quantized
 * convolution that reads them gets uint8 input, as the source's asymmetric uint8 tensors were.
 * A float graph, its float32 parameters and the known ranges of its node outputs come in; the same
 * function as a graph with shifted tensors goes out (for the caller to quantize).
 *
 * <p>A tensor {@code y} with known range {@code [lo, hi]}, {@code lo < 0}, made by a convolution
 * (a MobileNetV2 projection) or an {@code elemwise_add} (a residual sum), becomes
 * {@code y' = relu(y - lo)} in {@code [0, hi - lo]} (calibrated as 7-bit codes, {@link #SEVEN_BIT}): {@code -lo} goes into the producing
 * convolution's bias (for a sum, into the bias of the convolution fused with it as its sum
 * post-op), a ReLU follows (MKLDNN fuses it; it clamps at {@code lo}, where the source's uint8
 * tensor saturates too), and every consumer takes the shift back out: a convolution without
 * padding by {@code bias[o] -= (-lo) * sum(weight[o])}, exactly, a sum through its own shift.
 * Global average pooling passes a shift through. A tensor with any other consumer (padded
 * convolutions, reshapes, outputs) stays as it is.
 *
 * <p>Why: on AVX2 without VNNI, oneDNN (v2.4.4 in MXNet 1.9.1) runs convolutions on int8 input
 * through a +128 shift with compensation and halves their weights against {@code vpmaddubsw}
 * saturation; on uint8 input it does neither, which is faster.
 * Hand-written: MXNet's quantization passes only know zero-point-free int8/uint8.
 */
public final class MxUnsignedActivations {

    private static final ObjectMapper JSON = MxSymbolJson.JSON;

    private MxUnsignedActivations() {}

    /**
     * The rewritten graph: symbol text, parameters (changed biases are new arrays), ranges (with
     * those of the added ReLU nodes) and the names of the shifted tensors.
     */
    public record Result(String symbolJson, Map<String, MxParams.Tensor> params, Map<String, float[]> ranges,
                         List<String> shifted) {}

    /**
     * A shifted tensor's calibrated range is twice its real one, so its uint8 codes stay at or below
     * 127: without VNNI, oneDNN multiplies uint8 by int8 with {@code vpmaddubsw}, whose pairwise
     * int16 sums saturate above 32767 (2 * 255 * 127 does), and a shifted tensor sits around
     * mid-scale, where that happens often. oneDNN makes the same trade for int8 input by halving the
     * weights. Measured on the bundled models: DeepLab's mIoU against TFLite's maps 0.954 with 7-bit
     * codes, 0.877 with 8-bit ones (0.883 unshifted).
     */
    static final float SEVEN_BIT = 2f;

    /** Suffix of the ReLU node that gives a shifted tensor. */
    public static final String SUFFIX = "_u8";

    public static Result rewrite(String symbolJson, Map<String, MxParams.Tensor> params, Map<String, float[]> ranges)
            throws IOException {
        ObjectNode root = MxSymbolJson.readSingleOutputNodes(symbolJson);
        ArrayNode nodes = (ArrayNode) root.get("nodes");
        int n = nodes.size();
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (JsonNode in : nodes.get(i).get("inputs")) {
                consumers.get(in.get(0).asInt()).add(i);
            }
        }
        boolean[] head = new boolean[n];
        for (JsonNode h : root.get("heads")) {
            head[h.get(0).asInt()] = true;
        }
        Graph g = new Graph(nodes, consumers, head);

        // which tensors to shift, and by how much (-lo); in node order, so producers come first
        double[] shift = new double[n];
        List<String> shifted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String op = g.op(i);
            boolean producer = (op.equals("Convolution") && g.hasBias(i) && !g.isAbsorber(i))
                    || (op.equals("elemwise_add") && g.absorber(i) >= 0);
            float[] range = ranges.get(g.name(i));
            if (producer && !head[i] && range != null && range[0] < 0 && g.tolerant(i)) {
                shift[i] = -range[0];
                shifted.add(g.name(i));
            }
        }
        if (shifted.isEmpty()) {
            return new Result(symbolJson, params, ranges, List.of());
        }

        Map<String, MxParams.Tensor> outParams = new LinkedHashMap<>(params);
        Map<String, double[]> biasDelta = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String op = g.op(i);
            if (op.equals("Convolution") && g.hasBias(i)) {
                double in = g.inputShift(0, i, shift);
                double[] delta = biasDelta.computeIfAbsent(g.paramName(i, 2), k -> new double[0]);
                delta = grow(delta, g.numFilter(i));
                if (in != 0) { // conv(x + s) = conv(x) + s * sum(w[o]) without padding
                    double[] sums = weightSums(outParams.get(g.paramName(i, 1)));
                    for (int o = 0; o < delta.length; o++) {
                        delta[o] -= in * sums[o];
                    }
                }
                if (shift[i] != 0) {
                    for (int o = 0; o < delta.length; o++) {
                        delta[o] += shift[i];
                    }
                }
                biasDelta.put(g.paramName(i, 2), delta);
            } else if (op.equals("elemwise_add")) {
                int absorber = g.absorber(i);
                if (absorber < 0) {
                    continue;
                }
                double k = shift[i];
                for (int p = 0; p < 2; p++) {
                    k -= g.inputShift(p, i, shift);
                }
                if (k != 0) {
                    String bias = g.paramName(absorber, 2);
                    double[] delta = grow(biasDelta.getOrDefault(bias, new double[0]), g.numFilter(absorber));
                    for (int o = 0; o < delta.length; o++) {
                        delta[o] += k;
                    }
                    biasDelta.put(bias, delta);
                }
            }
        }
        for (Map.Entry<String, double[]> d : biasDelta.entrySet()) {
            MxParams.Tensor bias = outParams.get(d.getKey());
            float[] values = bias.values().clone();
            boolean changed = false;
            for (int o = 0; o < values.length && o < d.getValue().length; o++) {
                changed |= d.getValue()[o] != 0;
                values[o] = (float) (values[o] + d.getValue()[o]);
            }
            if (changed) {
                outParams.put(d.getKey(), new MxParams.Tensor(bias.shape().clone(), values));
            }
        }

        // a ReLU after every shifted tensor; its consumers read the ReLU
        Map<String, float[]> outRanges = new LinkedHashMap<>(ranges);
        int[] newIndex = new int[n];
        int[] readIndex = new int[n];
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            ObjectNode node = (ObjectNode) nodes.get(i).deepCopy();
            for (JsonNode in : node.get("inputs")) {
                ((ArrayNode) in).set(0, readIndex[in.get(0).asInt()]);
            }
            newIndex[i] = out.size();
            readIndex[i] = out.size();
            out.add(node);
            if (shift[i] != 0) {
                String name = g.name(i) + SUFFIX;
                ObjectNode relu = out.addObject();
                relu.put("op", "Activation").put("name", name);
                relu.putObject("attrs").put("act_type", "relu");
                relu.putArray("inputs").addArray().add(newIndex[i]).add(0).add(0);
                readIndex[i] = out.size() - 1;
                float[] range = ranges.get(g.name(i));
                outRanges.put(name, new float[] {0f, SEVEN_BIT * (range[1] - range[0])});
            }
        }
        root.set("nodes", out);
        ArrayNode args = JSON.createArrayNode();
        for (JsonNode a : root.get("arg_nodes")) {
            args.add(newIndex[a.asInt()]);
        }
        root.set("arg_nodes", args);
        root.set("node_row_ptr", MxSymbolJson.rowPointers(out.size()));
        for (JsonNode h : root.get("heads")) {
            ((ArrayNode) h).set(0, newIndex[h.get(0).asInt()]); // heads are never shifted
        }
        return new Result(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), outParams, outRanges,
                List.copyOf(shifted));
    }

    private static double[] grow(double[] a, int size) {
        return a.length >= size ? a : java.util.Arrays.copyOf(a, size);
    }

    /** Per output channel, the sum of a convolution weight {@code [O, I/g, kh, kw]}. */
    private static double[] weightSums(MxParams.Tensor w) {
        int out = w.shape()[0];
        int per = w.values().length / out;
        double[] sums = new double[out];
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int k = 0; k < per; k++) {
                s += w.values()[o * per + k];
            }
            sums[o] = s;
        }
        return sums;
    }

    /** Read-only view of the symbol's nodes and who consumes them. */
    private record Graph(ArrayNode nodes, List<List<Integer>> consumers, boolean[] head) {

        String op(int i) {
            return nodes.get(i).get("op").asText();
        }

        String name(int i) {
            return nodes.get(i).get("name").asText();
        }

        String attr(int i, String key) {
            JsonNode attrs = nodes.get(i).get("attrs");
            return attrs == null || attrs.get(key) == null ? null : attrs.get(key).asText();
        }

        int input(int i, int k) {
            return nodes.get(i).get("inputs").get(k).get(0).asInt();
        }

        String paramName(int conv, int k) {
            return name(input(conv, k));
        }

        int numFilter(int conv) {
            return Integer.parseInt(attr(conv, "num_filter"));
        }

        boolean hasBias(int conv) {
            return !"True".equalsIgnoreCase(attr(conv, "no_bias")) && nodes.get(conv).get("inputs").size() == 3
                    && op(input(conv, 2)).equals("null");
        }

        /** A biased convolution whose only consumer is one elemwise_add: MKLDNN fuses it with the sum. */
        boolean isAbsorber(int conv) {
            return op(conv).equals("Convolution") && hasBias(conv) && !head[conv] && consumers.get(conv).size() == 1
                    && op(consumers.get(conv).get(0)).equals("elemwise_add");
        }

        /** The operand of an elemwise_add that takes its constant into its bias, or -1. */
        int absorber(int add) {
            for (int p = 0; p < 2; p++) {
                int a = input(add, p);
                if (isAbsorber(a) && input(add, 1 - p) != a) {
                    return a;
                }
            }
            return -1;
        }

        /** Whether every consumer of node i can take a shifted value of it back out. */
        boolean tolerant(int i) {
            if (consumers.get(i).isEmpty()) {
                return false;
            }
            for (int c : consumers.get(i)) {
                boolean ok = switch (op(c)) {
                    case "Convolution" -> input(c, 0) == i && unpadded(c) && hasBias(c)
                            && nodes.get(c).get("inputs").size() == 3 && input(c, 1) != i && input(c, 2) != i;
                    case "elemwise_add" -> absorber(c) >= 0 && absorber(c) != i;
                    case "Pooling" -> globalAverage(c) && !head[c] && tolerant(c);
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        /** The shift of input k of node i, through global average pools. */
        double inputShift(int k, int i, double[] shift) {
            int from = input(i, k);
            while (op(from).equals("Pooling") && globalAverage(from)) {
                from = input(from, 0);
            }
            return shift[from];
        }

        private boolean unpadded(int conv) {
            String pad = attr(conv, "pad");
            return pad == null || pad.replaceAll("[()\\s]", "").replace("0", "").replace(",", "").isEmpty();
        }

        private boolean globalAverage(int pool) {
            return "avg".equals(attr(pool, "pool_type")) && "True".equalsIgnoreCase(attr(pool, "global_pool"));
        }
    }
}
