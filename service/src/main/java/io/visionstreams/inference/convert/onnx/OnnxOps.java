package io.visionstreams.inference.convert.onnx;

import static io.visionstreams.inference.convert.onnx.OnnxNodes.integer;
import static io.visionstreams.inference.convert.onnx.OnnxNodes.ints;
import static io.visionstreams.inference.convert.onnx.OnnxNodes.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstreams.inference.convert.onnx.OnnxProto.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * One ONNX lowering per operator of the converters' graphs (those {@code MxGraph} and the uint8
 * input rewrite write), reading MXNet's attribute syntax: tuples {@code (3, 3)}, {@code True},
 * {@code None}. An operator not listed here is refused, never approximated.
 */
final class OnnxOps {

    private OnnxOps() {}

    static void lower(OnnxNodes g, String op, String name, JsonNode attrs, List<String> in) {
        String x = in.get(0);
        switch (op) {
            case "Convolution" -> {
                long[] pad = tuple(attrs, "pad", 0, 0);
                g.node("Conv", name, in.toArray(String[]::new)).addAttribute(ints("kernel_shape", tuple(attrs, "kernel")))
                        .addAttribute(ints("strides", tuple(attrs, "stride", 1, 1)))
                        .addAttribute(ints("pads", pad[0], pad[1], pad[0], pad[1]))
                        .addAttribute(ints("dilations", tuple(attrs, "dilate", 1, 1)))
                        .addAttribute(integer("group", Long.parseLong(text(attrs, "num_group", "1"))));
            }
            case "Pooling" -> pooling(g, name, attrs, x);
            case "Pad" -> {
                long[] w = tuple(attrs, "pad_width");
                if (!text(attrs, "mode", "constant").equals("constant") || Float.parseFloat(text(attrs, "constant_value", "0")) != 0f) {
                    throw new IllegalArgumentException("only zero padding");
                }
                long[] pads = new long[w.length];
                for (int axis = 0; axis < w.length / 2; axis++) {
                    pads[axis] = w[2 * axis];
                    pads[axis + w.length / 2] = w[2 * axis + 1];
                }
                g.node("Pad", name, x, g.longs(name, pads));
            }
            case "clip" -> g.node("Clip", name, x, g.scalar(name, number(attrs, "a_min")), g.scalar(name, number(attrs, "a_max")));
            case "Activation" -> g.node(switch (text(attrs, "act_type", "")) {
                case "relu" -> "Relu";
                case "sigmoid" -> "Sigmoid";
                case "tanh" -> "Tanh";
                case "softrelu" -> "Softplus";
                default -> throw new IllegalArgumentException("act_type " + text(attrs, "act_type", ""));
            }, name, x);
            case "sigmoid" -> g.node("Sigmoid", name, x);
            case "relu" -> g.node("Relu", name, x);
            case "elemwise_add", "broadcast_add" -> g.node("Add", name, x, in.get(1));
            case "elemwise_mul", "broadcast_mul" -> g.node("Mul", name, x, in.get(1));
            case "_plus_scalar" -> g.node("Add", name, x, g.scalar(name, number(attrs, "scalar")));
            case "_minus_scalar" -> g.node("Sub", name, x, g.scalar(name, number(attrs, "scalar")));
            case "_mul_scalar" -> g.node("Mul", name, x, g.scalar(name, number(attrs, "scalar")));
            case "_div_scalar" -> g.node("Div", name, x, g.scalar(name, number(attrs, "scalar")));
            case "Cast" -> {
                if (!text(attrs, "dtype", "").equals("float32")) {
                    throw new IllegalArgumentException("Cast to " + text(attrs, "dtype", ""));
                }
                g.node("Cast", name, x).addAttribute(integer("to", TensorProto.DataType.FLOAT_VALUE));
            }
            case "transpose" -> g.node("Transpose", name, x).addAttribute(ints("perm", tuple(attrs, "axes")));
            case "Reshape" -> g.node("Reshape", name, x, g.longs(name, tuple(attrs, "shape"))); // 0 and -1 mean the same in ONNX
            case "Concat" -> g.node("Concat", name, in.toArray(String[]::new))
                    .addAttribute(integer("axis", Long.parseLong(text(attrs, "dim", "1"))));
            case "softmax" -> softmax(g, name, attrs, x);
            case "slice" -> slice(g, name, attrs, x);
            case "broadcast_to" -> {
                long[] shape = tuple(attrs, "shape");
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = shape[d] == 0 ? 1 : shape[d]; // MXNet's 0 keeps the dimension; ONNX's 1 broadcasts to it
                }
                g.node("Expand", name, x, g.longs(name, shape));
            }
            case "_contrib_BilinearResize2D" -> {
                if (!text(attrs, "mode", "size").equals("size")) {
                    throw new IllegalArgumentException("resize mode " + text(attrs, "mode", ""));
                }
                boolean corners = bool(attrs, "align_corners", true);
                g.node("Resize", name, x, "", "", g.longs(name, Long.parseLong(text(attrs, "height", "")),
                                Long.parseLong(text(attrs, "width", ""))))
                        .addAttribute(ints("axes", 2, 3)).addAttribute(string("mode", "linear"))
                        .addAttribute(string("coordinate_transformation_mode", corners ? "align_corners" : "half_pixel"));
            }
            default -> throw new IllegalArgumentException("no ONNX lowering for " + op);
        }
    }

    private static void pooling(OnnxNodes g, String name, JsonNode attrs, String x) {
        boolean avg = text(attrs, "pool_type", "max").equals("avg");
        if (bool(attrs, "global_pool", false)) {
            g.node(avg ? "GlobalAveragePool" : "GlobalMaxPool", name, x);
            return;
        }
        long[] pad = tuple(attrs, "pad", 0, 0);
        var node = g.node(avg ? "AveragePool" : "MaxPool", name, x)
                .addAttribute(ints("kernel_shape", tuple(attrs, "kernel")))
                .addAttribute(ints("strides", tuple(attrs, "stride", 1, 1)))
                .addAttribute(ints("pads", pad[0], pad[1], pad[0], pad[1]));
        if (avg) {
            node.addAttribute(integer("count_include_pad", bool(attrs, "count_include_pad", true) ? 1 : 0));
        }
    }

    private static void softmax(OnnxNodes g, String name, JsonNode attrs, String x) {
        String input = x;
        if (attrs.has("temperature")) {
            input = name + "_tempered";
            g.node("Div", input, x, g.scalar(name, number(attrs, "temperature")));
        }
        g.node("Softmax", name, input).addAttribute(integer("axis", Long.parseLong(text(attrs, "axis", "-1"))));
    }

    /** MXNet's {@code slice}: here only whole axes, forwards or reversed (the spatial flip). */
    private static void slice(OnnxNodes g, String name, JsonNode attrs, String x) {
        String[] begin = items(text(attrs, "begin", ""));
        String[] end = items(text(attrs, "end", ""));
        String[] step = items(text(attrs, "step", ""));
        List<Long> axes = new ArrayList<>();
        for (int a = 0; a < step.length; a++) {
            if (!begin[a].equals("None") || !end[a].equals("None")) {
                throw new IllegalArgumentException("slice with bounds");
            }
            long s = step[a].equals("None") ? 1 : Long.parseLong(step[a]);
            if (s == -1) {
                axes.add((long) a);
            } else if (s != 1) {
                throw new IllegalArgumentException("slice step " + s);
            }
        }
        long[] starts = axes.stream().mapToLong(a -> -1L).toArray();
        long[] ends = axes.stream().mapToLong(a -> Long.MIN_VALUE).toArray(); // before the first element
        long[] steps = axes.stream().mapToLong(a -> -1L).toArray();
        g.node("Slice", name, x, g.longs(name, starts), g.longs(name, ends),
                g.longs(name, axes.stream().mapToLong(Long::longValue).toArray()), g.longs(name, steps));
    }

    private static String text(JsonNode attrs, String key, String otherwise) {
        return attrs.has(key) ? attrs.get(key).asText() : otherwise;
    }

    private static float number(JsonNode attrs, String key) {
        if (!attrs.has(key)) {
            throw new IllegalArgumentException("missing attribute " + key);
        }
        return Float.parseFloat(attrs.get(key).asText());
    }

    private static boolean bool(JsonNode attrs, String key, boolean otherwise) {
        return attrs.has(key) ? Boolean.parseBoolean(attrs.get(key).asText().toLowerCase(java.util.Locale.ROOT)) : otherwise;
    }

    private static long[] tuple(JsonNode attrs, String key, long... otherwise) {
        if (!attrs.has(key)) {
            if (otherwise.length == 0) {
                throw new IllegalArgumentException("missing attribute " + key);
            }
            return otherwise;
        }
        String[] items = items(attrs.get(key).asText());
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = Long.parseLong(items[i]);
        }
        return out;
    }

    /** {@code "(1, None, 3)"} or {@code "(1,)"} to its items. */
    private static String[] items(String tuple) {
        String body = tuple.trim().replaceAll("^[(\\[]|[)\\]]$", "").trim();
        if (body.endsWith(",")) {
            body = body.substring(0, body.length() - 1);
        }
        return body.isEmpty() ? new String[0] : body.split("\\s*,\\s*");
    }
}
