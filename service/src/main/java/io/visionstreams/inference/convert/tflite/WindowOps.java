package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tflite.OpOptions.Padding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D and MAX_POOL_2D as MXNet {@code Convolution} and
 * {@code Pooling} on NCHW, with TF's padding reproduced by symmetric padding where it can be
 * (see {@link WindowAxis}) and an explicit {@code Pad} op only where it cannot.
 */
final class WindowOps {

    private WindowOps() {}

    static void conv(Emitter e, TfliteOperator op) throws ModelLoadException {
        OpOptions.Conv2D o = (OpOptions.Conv2D) op.options();
        TfliteTensor w = e.tensor(op.input(1));
        int out = w.dim(0);
        int kh = w.dim(1);
        int kw = w.dim(2);
        int in = w.dim(3);
        int groups = e.tensor(op.input(0)).dim(3) / in;
        float[] weights = KernelLayout.ohwiToOihw(Dequantizer.floats(w), out, kh, kw, in, e.flipped);
        convolution(e, op, weights, new int[] {out, in, kh, kw}, groups,
                new int[] {o.strideH(), o.strideW()}, new int[] {o.dilationH(), o.dilationW()}, o.padding());
    }

    static void depthwise(Emitter e, TfliteOperator op) throws ModelLoadException {
        OpOptions.DepthwiseConv2D o = (OpOptions.DepthwiseConv2D) op.options();
        TfliteTensor w = e.tensor(op.input(1));
        int kh = w.dim(1);
        int kw = w.dim(2);
        int out = w.dim(3);
        int groups = e.tensor(op.input(0)).dim(3); // output channel c*m + j reads input channel c
        float[] weights = KernelLayout.depthwiseToC1hw(Dequantizer.floats(w), kh, kw, out, e.flipped);
        convolution(e, op, weights, new int[] {out, 1, kh, kw}, groups,
                new int[] {o.strideH(), o.strideW()}, new int[] {o.dilationH(), o.dilationW()}, o.padding());
    }

    static void pool(Emitter e, TfliteOperator op, String type) throws ModelLoadException {
        OpOptions.Pool2D o = (OpOptions.Pool2D) op.options();
        TfliteTensor x = e.tensor(op.input(0));
        WindowAxis ay = WindowAxis.of(x.dim(1), o.filterHeight(), o.strideH(), 1, o.padding());
        WindowAxis ax = WindowAxis.of(x.dim(2), o.filterWidth(), o.strideW(), 1, o.padding());
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("kernel", MxGraph.tuple(o.filterHeight(), o.filterWidth()));
        attrs.put("pool_type", type);
        if (ay.out() == 1 && ax.out() == 1 && covers(ay) && covers(ax)) {
            attrs.put("global_pool", "True"); // one window over the whole map: flip-invariant
        } else {
            int py = ay.symmetricPad(e.flipped);
            int px = ax.symmetricPad(e.flipped);
            if (py < 0 || px < 0) {
                throw new ModelLoadException(op.describe() + ": pooling window cannot be placed as TF does"
                        + " with symmetric padding (" + x.dim(1) + "x" + x.dim(2) + ")");
            }
            attrs.put("stride", MxGraph.tuple(o.strideH(), o.strideW()));
            attrs.put("pad", MxGraph.tuple(py, px));
            attrs.put("count_include_pad", "False"); // TF averages over the valid inputs only
        }
        MxGraph.Ref y = e.graph.op("Pooling", e.name(op, ""), attrs, e.value(op.input(0)));
        e.define(op.output(), e.activation(op, y, false));
    }

    private static boolean covers(WindowAxis a) {
        return a.reach() - a.before() >= 0; // the window starts at or before 0 and ends at or after in - 1
    }

    private static void convolution(Emitter e, TfliteOperator op, float[] weights, int[] weightShape, int groups,
                                    int[] stride, int[] dilation, Padding padding) throws ModelLoadException {
        TfliteTensor x = e.tensor(op.input(0));
        int kh = weightShape[2];
        int kw = weightShape[3];
        WindowAxis ay = WindowAxis.of(x.dim(1), kh, stride[0], dilation[0], padding);
        WindowAxis ax = WindowAxis.of(x.dim(2), kw, stride[1], dilation[1], padding);
        checkOutput(e, op, ay, ax);
        String name = e.name(op, "");
        MxGraph.Ref input = e.value(op.input(0));
        int py = ay.symmetricPad(e.flipped);
        int px = ax.symmetricPad(e.flipped);
        if (py < 0 || px < 0) { // TF's grid is not reachable with symmetric padding: pad explicitly
            int[] y = ay.explicitPad(e.flipped);
            int[] xp = ax.explicitPad(e.flipped);
            input = e.graph.op("Pad", name + "_pad", Map.of("mode", "constant", "constant_value", "0",
                    "pad_width", MxGraph.tuple(0, 0, 0, 0, y[0], y[1], xp[0], xp[1])), input);
            e.padOps++;
            py = 0;
            px = 0;
        }
        MxGraph.Ref weight = e.graph.param(name + "_weight", weightShape, weights);
        MxGraph.Ref bias = null;
        if (op.input(2) >= 0) {
            bias = e.graph.param(name + "_bias", new int[] {weightShape[0]}, Dequantizer.floats(e.tensor(op.input(2))));
        }
        MxGraph.Ref y = e.graph.convolution(name, input, weight, bias, new int[] {kh, kw}, stride,
                new int[] {py, px}, dilation, weightShape[0], groups);
        e.define(op.output(), e.activation(op, y, true));
    }

    private static void checkOutput(Emitter e, TfliteOperator op, WindowAxis ay, WindowAxis ax)
            throws ModelLoadException {
        TfliteTensor out = e.tensor(op.output());
        if (out.dim(1) != ay.out() || out.dim(2) != ax.out()) {
            throw new ModelLoadException(op.describe() + ": output " + out.dim(1) + "x" + out.dim(2)
                    + " does not match the padding rule's " + ay.out() + "x" + ax.out());
        }
    }

    /** Whether a window needs an explicit pad in this domain (for choosing the domain). */
    static boolean needsPad(TfliteModel model, TfliteOperator op, boolean flipped) {
        int[] k;
        int[] s;
        int[] d;
        Padding p;
        if (op.options() instanceof OpOptions.Conv2D o) {
            TfliteTensor w = model.tensor(op.input(1));
            k = new int[] {w.dim(1), w.dim(2)};
            s = new int[] {o.strideH(), o.strideW()};
            d = new int[] {o.dilationH(), o.dilationW()};
            p = o.padding();
        } else if (op.options() instanceof OpOptions.DepthwiseConv2D o) {
            TfliteTensor w = model.tensor(op.input(1));
            k = new int[] {w.dim(1), w.dim(2)};
            s = new int[] {o.strideH(), o.strideW()};
            d = new int[] {o.dilationH(), o.dilationW()};
            p = o.padding();
        } else if (op.options() instanceof OpOptions.Pool2D o) {
            k = new int[] {o.filterHeight(), o.filterWidth()};
            s = new int[] {o.strideH(), o.strideW()};
            d = new int[] {1, 1};
            p = o.padding();
        } else {
            return false;
        }
        TfliteTensor x = model.tensor(op.input(0));
        return WindowAxis.of(x.dim(1), k[0], s[0], d[0], p).symmetricPad(flipped) < 0
                || WindowAxis.of(x.dim(2), k[1], s[1], d[1], p).symmetricPad(flipped) < 0;
    }
}
