package io.visionstreams.inference.convert.mxnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An MXNet symbolic graph under construction: variables, operators and the float32 parameters
 * they use. {@link #save} writes MXNet's own model format ({@code <name>-symbol.json} +
 * {@code <name>-0000.params}), which DJL's MXNet engine loads like any GluonCV export.
 * Node and parameter order is insertion order, so the same conversion gives the same bytes.
 */
public final class MxGraph {

    /** One output of one node. */
    public record Ref(int node, int output) {}

    private record Node(String op, String name, Map<String, String> attrs, List<Ref> inputs) {}

    private final List<Node> nodes = new ArrayList<>();
    private final List<Integer> argNodes = new ArrayList<>();
    private final Map<String, MxParams.Tensor> params = new LinkedHashMap<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final Map<String, float[]> knownRanges = new LinkedHashMap<>();

    /** A graph input fed at inference time (no stored value), e.g. {@code data}. */
    public Ref input(String name) {
        return variable(name);
    }

    /** A learned parameter with its value, saved as {@code arg:<name>}. */
    public Ref param(String name, int[] shape, float[] values) {
        long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "parameter " + name + ": shape " + Arrays.toString(shape) + " needs " + size
                            + " values, got " + values.length);
        }
        Ref ref = variable(name);
        params.put(name, new MxParams.Tensor(shape.clone(), values));
        return ref;
    }

    /** An operator node; attribute values are in MXNet's string form (see {@link #tuple}). */
    public Ref op(String op, String name, Map<String, String> attrs, Ref... inputs) {
        return add(new Node(op, name, new LinkedHashMap<>(attrs), List.of(inputs)));
    }

    /** Convolution (NCHW, OIHW weights); {@code groups == channels} makes it depthwise. */
    public Ref convolution(String name, Ref x, Ref weight, Ref bias, int[] kernel, int[] stride,
                           int[] pad, int numFilter, int groups) {
        return convolution(name, x, weight, bias, kernel, stride, pad, new int[] {1, 1}, numFilter, groups);
    }

    /** Convolution with dilation (atrous), e.g. DeepLab's dilated depthwise layers. */
    public Ref convolution(String name, Ref x, Ref weight, Ref bias, int[] kernel, int[] stride,
                           int[] pad, int[] dilate, int numFilter, int groups) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("kernel", tuple(kernel));
        attrs.put("stride", tuple(stride));
        attrs.put("pad", tuple(pad));
        attrs.put("dilate", tuple(dilate));
        attrs.put("num_filter", Integer.toString(numFilter));
        attrs.put("num_group", Integer.toString(groups));
        attrs.put("no_bias", bias == null ? "True" : "False");
        return bias == null
                ? op("Convolution", name, attrs, x, weight)
                : op("Convolution", name, attrs, x, weight, bias);
    }

    /** {@code clip(x, lo, hi)}: ReLU6 is {@code clip(x, 0, 6)}. */
    public Ref clip(String name, Ref x, float lo, float hi) {
        return op("clip", name, Map.of("a_min", number(lo), "a_max", number(hi)), x);
    }

    /** Element-wise sum of two tensors of the same shape. */
    public Ref add(String name, Ref a, Ref b) {
        return op("elemwise_add", name, Map.of(), a, b);
    }

    /**
     * Reverses the given axes of a rank-4 tensor (the spatial flip of DESIGN.md §3 uses axes 2 and 3
     * of NCHW), as a {@code slice} with step -1 on them: MXNet 1.9's {@code reverse} operator computes
     * every element's source index with divisions and took 30-37 ms of a 110 ms MobileNetV2 batch of
     * 8 on one core, the slice about 1 ms, with the same values.
     */
    public Ref reverse(String name, Ref x, int... axes) {
        int[] step = {1, 1, 1, 1};
        for (int axis : axes) {
            if (axis < 0 || axis >= step.length) {
                throw new IllegalArgumentException("reverse: axis " + axis + " of a rank-4 tensor");
            }
            step[axis] = -1;
        }
        String all = "(None, None, None, None)";
        return op("slice", name, Map.of("begin", all, "end", all, "step", tuple(step)), x);
    }

    /** Permutes the axes, e.g. {@code (0, 2, 3, 1)} for NCHW to NHWC. */
    public Ref transpose(String name, Ref x, int... axes) {
        return op("transpose", name, Map.of("axes", tuple(axes)), x);
    }

    /** Static reshape; {@code 0} copies the input's dimension (the batch), {@code -1} infers one. */
    public Ref reshape(String name, Ref x, int... shape) {
        return op("Reshape", name, Map.of("shape", tuple(shape)), x);
    }

    /** Concatenates along {@code axis}. */
    public Ref concat(String name, int axis, Ref... inputs) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("dim", Integer.toString(axis));
        attrs.put("num_args", Integer.toString(inputs.length));
        return op("Concat", name, attrs, inputs);
    }

    /** Element-wise logistic function {@code 1 / (1 + exp(-x))}. */
    public Ref sigmoid(String name, Ref x) {
        return op("sigmoid", name, Map.of(), x);
    }

    /** MXNet's tuple syntax: {@code (3, 3)}. */
    public static String tuple(int... values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return sb.append(values.length == 1 ? ",)" : ")").toString();
    }

    /** A float attribute as MXNet parses it (no exponent surprises for ordinary values). */
    public static String number(float value) {
        return Float.toString(value);
    }

    /**
     * Records the real range {@code [lo, hi]} a node's output is known to take, e.g. from a quantized
     * source's scale and zero point; an INT8 conversion calibrates with it. The first record wins.
     */
    public void knownRange(Ref ref, float lo, float hi) {
        knownRanges.putIfAbsent(nodes.get(ref.node()).name(), new float[] {lo, hi});
    }

    /** Node name to {@code [lo, hi]}, as {@link #knownRange} recorded them. */
    public Map<String, float[]> knownRanges() {
        return knownRanges;
    }

    public Map<String, MxParams.Tensor> params() {
        return params;
    }

    public int nodeCount() {
        return nodes.size();
    }

    /** Writes {@code <name>-symbol.json} and {@code <name>-0000.params} into {@code dir}. */
    public void save(Path dir, String name, Ref... heads) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + "-symbol.json"), toSymbolJson(heads));
        MxParams.write(dir.resolve(name + "-0000.params"), params);
    }

    /** The symbol file: nodes, argument nodes, row pointers and heads, as MXNet 1.9 writes them. */
    public String toSymbolJson(Ref... heads) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode nodeArray = root.putArray("nodes");
        for (Node node : nodes) {
            ObjectNode n = nodeArray.addObject();
            n.put("op", node.op());
            n.put("name", node.name());
            if (!node.attrs().isEmpty()) {
                ObjectNode attrs = n.putObject("attrs");
                // Sorted, as MXNet writes them: Map.of iteration order changes from JVM to JVM.
                new TreeMap<>(node.attrs()).forEach(attrs::put);
            }
            ArrayNode inputs = n.putArray("inputs");
            for (Ref in : node.inputs()) {
                inputs.addArray().add(in.node()).add(in.output()).add(0);
            }
        }
        ArrayNode args = root.putArray("arg_nodes");
        argNodes.forEach(args::add);
        ArrayNode rowPtr = root.putArray("node_row_ptr");
        for (int i = 0; i <= nodes.size(); i++) {
            rowPtr.add(i); // every node here has exactly one output
        }
        ArrayNode headArray = root.putArray("heads");
        for (Ref head : heads) {
            headArray.addArray().add(head.node()).add(head.output()).add(0);
        }
        // 10900 = MXNet 1.9.0; DJL 0.36 loads it without the version warning 10901 gives.
        root.putObject("attrs").putArray("mxnet_version").add("int").add(10900);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Ref variable(String name) {
        Ref ref = add(new Node("null", name, Map.of(), List.of()));
        argNodes.add(ref.node());
        return ref;
    }

    private Ref add(Node node) {
        if (names.putIfAbsent(node.name(), nodes.size()) != null) {
            throw new IllegalArgumentException("duplicate node name " + node.name());
        }
        for (Ref in : node.inputs()) {
            if (in == null || in.node() >= nodes.size()) {
                throw new IllegalArgumentException("node " + node.name() + " has an undefined input");
            }
        }
        nodes.add(node);
        return new Ref(nodes.size() - 1, 0);
    }
}
