package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tfjs.Value.Feature;
import io.visionstreams.inference.convert.tfjs.Value.Flat;
import io.visionstreams.inference.convert.tfjs.Value.Pending;
import io.visionstreams.inference.convert.tfjs.Value.Sum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TF node in, its {@link Value} out: the op set of TF object-detection graphs between the
 * preprocessor and the postprocessor (convolutions, the three batch-norm forms, residual sums,
 * ReLU6, static reshapes, concatenation, sigmoid). Anything else fails loudly with the node name.
 */
final class NodeLowering {

    private final GraphLowering g;
    private final MxGraph mx;

    NodeLowering(GraphLowering g, MxGraph mx) {
        this.g = g;
        this.mx = mx;
    }

    Value lower(TfjsNode n) {
        return switch (n.op()) {
            case "Const" -> new Value.Constant(g.tf().weight(n.name()));
            case "Identity" -> g.value(n.input(0));
            case "Conv2D" -> conv(n, false);
            case "DepthwiseConv2dNative" -> conv(n, true);
            case "Mul" -> mul(n);
            case "Add", "AddV2", "BiasAdd" -> add(n);
            case "AddN" -> addN(n);
            case "FusedBatchNorm", "FusedBatchNormV3" -> batchNorm(n);
            case "Relu6" -> {
                Feature x = g.feature(n.input(0));
                yield new Feature(mx.clip(n.name(), x.ref(), 0f, 6f), x.channels(), x.height(), x.width());
            }
            case "Sigmoid" -> {
                Flat x = flat(n.input(0));
                yield new Flat(mx.sigmoid(n.name(), x.ref()), x.itemShape(), x.rows());
            }
            case "Shape" -> new Value.ShapeOf(n.input(0));
            case "StridedSlice" -> batchSize(n);
            case "Pack" -> pack(n);
            case "Reshape" -> ShapeOps.reshape(mx, n, g.emitted(n.input(0)), g.value(n.input(1)));
            case "Squeeze" -> ShapeOps.squeeze(mx, n, flat(n.input(0)));
            case "ConcatV2" -> {
                List<Flat> parts = new ArrayList<>();
                for (int i = 0; i < n.inputs().size() - 1; i++) {
                    parts.add(flat(n.input(i)));
                }
                yield ShapeOps.concat(mx, n, parts, g.constant(n.input(n.inputs().size() - 1)).intScalar());
            }
            default -> throw unsupported(n, "op " + n.op());
        };
    }

    private Value conv(TfjsNode n, boolean depthwise) {
        Feature x = g.feature(n.input(0));
        TfjsTensor filter = g.constant(n.input(1));
        int[] strides = n.ints("strides");
        if (strides[1] != strides[2] || !Arrays.stream(n.ints("dilations")).allMatch(d -> d == 1)
                || !n.string("data_format").equals("NHWC")) {
            throw unsupported(n, "non-square stride, dilation or data format");
        }
        int s = strides[1];
        String padding = n.string("padding");
        int kh = filter.shape()[0];
        int kw = filter.shape()[1];
        if (SamePadding.uneven(padding, x.height(), kh, s) || SamePadding.uneven(padding, x.width(), kw, s)) {
            g.countUnevenPad();
        }
        FoldedConv conv = FoldedConv.of(scope(n.name()), x, filter, depthwise, s,
                SamePadding.flippedPad(padding, x.height(), kh, s), SamePadding.flippedPad(padding, x.width(), kw, s),
                SamePadding.outputSize(padding, x.height(), kh, s), SamePadding.outputSize(padding, x.width(), kw, s));
        return new Pending(conv);
    }

    private Value mul(TfjsNode n) {
        int c = g.isConstant(n.input(1)) ? 1 : 0;
        FoldedConv conv = g.foldable(n.input(1 - c));
        if (conv == null || !g.isConstant(n.input(c))) {
            throw unsupported(n, "Mul other than a per-channel scale right after a convolution");
        }
        return new Pending(conv.scaled(perChannel(g.constant(n.input(c)), conv.outChannels(), n)));
    }

    private Value add(TfjsNode n) {
        boolean bias = n.op().equals("BiasAdd");
        int c = g.isConstant(n.input(1)) ? 1 : (!bias && g.isConstant(n.input(0)) ? 0 : -1);
        if (c < 0) {
            return sum(n, List.of(n.input(0), n.input(1)));
        }
        String x = n.input(1 - c);
        FoldedConv conv = g.foldable(x);
        if (conv != null) {
            return new Pending(conv.shifted(perChannel(g.constant(n.input(c)), conv.outChannels(), n)));
        }
        // Add(bias, AddN(conv, skip)): TF's rewrite moved the projection bias after the residual sum
        if (g.value(x) instanceof Sum s && g.hasSingleConsumer(x)) {
            List<Value> terms = new ArrayList<>(s.terms());
            for (int i = 0; i < terms.size(); i++) {
                if (terms.get(i) instanceof Pending p) {
                    float[] shift = perChannel(g.constant(n.input(c)), p.conv().outChannels(), n);
                    terms.set(i, new Pending(p.conv().shifted(shift)));
                    return new Sum(n.name(), terms);
                }
            }
        }
        throw unsupported(n, "constant Add that does not follow a convolution or a residual sum");
    }

    private Value addN(TfjsNode n) {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            inputs.add(n.input(i));
        }
        return sum(n, inputs);
    }

    private Value sum(TfjsNode n, List<String> inputs) {
        List<Value> terms = new ArrayList<>();
        int[] shape = null;
        for (String in : inputs) {
            // a convolution read only here stays pending so a later bias can still fold into it
            Value term = g.foldable(in) != null ? g.value(in) : g.feature(in);
            int[] s = term instanceof Pending p
                    ? new int[] {p.conv().outChannels(), p.conv().outH(), p.conv().outW()}
                    : new int[] {((Feature) term).channels(), ((Feature) term).height(), ((Feature) term).width()};
            if (shape != null && !Arrays.equals(shape, s)) {
                throw unsupported(n, "sum of feature maps of different shapes");
            }
            shape = s;
            terms.add(term);
        }
        return new Sum(n.name(), terms);
    }

    private Value batchNorm(TfjsNode n) {
        FoldedConv conv = g.foldable(n.input(0));
        if (conv == null || n.bool("is_training", true)) {
            throw unsupported(n, "batch norm in training mode or not right after a convolution");
        }
        int ch = conv.outChannels();
        return new Pending(conv.batchNormed(perChannel(g.constant(n.input(1)), ch, n),
                perChannel(g.constant(n.input(2)), ch, n), perChannel(g.constant(n.input(3)), ch, n),
                perChannel(g.constant(n.input(4)), ch, n), n.number("epsilon", 1e-3f)));
    }

    private Value batchSize(TfjsNode n) {
        if (!(g.value(n.input(0)) instanceof Value.ShapeOf)
                || g.constant(n.input(1)).intValues()[0] != 0 || g.constant(n.input(2)).intValues()[0] != 1
                || n.integer("shrink_axis_mask", 0) != 1) {
            throw unsupported(n, "StridedSlice other than Shape(x)[0]");
        }
        return new Value.BatchSize();
    }

    private Value pack(TfjsNode n) {
        int[] dims = new int[n.inputs().size()];
        for (int i = 0; i < dims.length; i++) {
            Value v = g.value(n.input(i));
            dims[i] = v instanceof Value.BatchSize ? 0 : g.constant(n.input(i)).intScalar();
        }
        return new Value.StaticShape(dims);
    }

    private Flat flat(String name) {
        if (g.emitted(name) instanceof Flat f) {
            return f;
        }
        throw new UnsupportedOperationException(name + " is a feature map where a reshaped tensor is expected");
    }

    private static float[] perChannel(TfjsTensor t, int channels, TfjsNode n) {
        float[] v = t.floatValues();
        if (v.length == 1) {
            float[] all = new float[channels];
            Arrays.fill(all, v[0]);
            return all;
        }
        if (v.length != channels) {
            throw unsupported(n, t.name() + " has " + v.length + " values for " + channels + " channels");
        }
        return v;
    }

    /** The layer's scope: {@code .../expanded_conv_3/project/BatchNorm/batchnorm/mul_1} → {@code .../project}. */
    static String scope(String convNode) {
        int bn = convNode.indexOf("/BatchNorm/");
        if (bn > 0) {
            return convNode.substring(0, bn);
        }
        int slash = convNode.lastIndexOf('/');
        return slash > 0 ? convNode.substring(0, slash) : convNode;
    }

    static UnsupportedOperationException unsupported(TfjsNode n, String what) {
        return new UnsupportedOperationException("cannot convert node " + n.name() + " (" + n.op() + "): " + what);
    }
}
