package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Element-wise, shape and resize operators: ADD, CONCATENATION, RESHAPE, SOFTMAX, RESIZE_BILINEAR,
 * standalone activations, and QUANTIZE/DEQUANTIZE (identities once everything is float).
 */
final class TensorOps {

    /** NHWC axis -> NCHW axis. */
    private static final int[] NCHW_AXIS = {0, 2, 3, 1};

    private TensorOps() {}

    static void identity(Emitter e, TfliteOperator op) throws ModelLoadException {
        e.define(op.output(), e.value(op.input(0)));
        e.keepLayout(op.input(0), op.output());
    }

    static void add(Emitter e, TfliteOperator op) throws ModelLoadException {
        boolean constantOperand = e.tensor(op.input(0)).isConstant() || e.tensor(op.input(1)).isConstant();
        if (constantOperand && e.tensor(op.output()).rank() != 4) {
            throw new ModelLoadException(op.describe() + ": constants are only broadcast over image (rank-4) tensors");
        }
        MxGraph.Ref a = e.value(op.input(0));
        MxGraph.Ref b = e.value(op.input(1));
        boolean same = Arrays.equals(e.tensor(op.input(0)).shape(), e.tensor(op.input(1)).shape());
        MxGraph.Ref y = same ? e.graph.add(e.name(op, ""), a, b)
                : e.graph.op("broadcast_add", e.name(op, ""), Map.of(), a, b);
        e.define(op.output(), e.activation(op, y, true));
    }

    static void concat(Emitter e, TfliteOperator op) throws ModelLoadException {
        if (RowOps.concat(e, op)) {
            return;
        }
        OpOptions.Concatenation o = (OpOptions.Concatenation) op.options();
        int rank = e.tensor(op.output()).rank();
        int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
        List<MxGraph.Ref> inputs = new ArrayList<>();
        for (int in : op.inputs()) {
            inputs.add(e.value(in));
        }
        if (rank == 4) {
            axis = NCHW_AXIS[axis];
            if (e.flipped && axis >= 2) {
                Collections.reverse(inputs); // mirrored pieces concatenate in mirrored order
            }
        }
        MxGraph.Ref y = e.graph.op("Concat", e.name(op, ""),
                Map.of("dim", Integer.toString(axis), "num_args", Integer.toString(inputs.size())),
                inputs.toArray(MxGraph.Ref[]::new));
        e.define(op.output(), e.activation(op, y, false));
    }

    /** Batch-preserving reshapes; a rank-4 input goes back to NHWC order first unless it is 1x1. */
    static void reshape(Emitter e, TfliteOperator op) throws ModelLoadException {
        TfliteTensor in = e.tensor(op.input(0));
        TfliteTensor out = e.tensor(op.output());
        if (in.dim(0) != out.dim(0)) {
            throw new ModelLoadException(op.describe() + ": reshapes across the batch axis are not supported");
        }
        if (RowOps.reshape(e, op)) {
            return;
        }
        String name = e.name(op, "");
        MxGraph.Ref x = e.value(op.input(0));
        if (in.rank() == 4 && !(in.dim(1) == 1 && in.dim(2) == 1)) {
            x = toNhwc(e, name, x);
        }
        int[] target = out.shape().clone();
        target[0] = 0; // MXNet: copy the batch dimension
        if (out.rank() == 4) { // NHWC target: reshape in NHWC, then back to NCHW
            x = e.graph.op("Reshape", name, Map.of("shape", MxGraph.tuple(target)), x);
            x = e.graph.op("transpose", name + "_nchw", Map.of("axes", MxGraph.tuple(0, 3, 1, 2)), x);
            e.define(op.output(), e.flipped ? e.graph.reverse(name + "_flip", x, 2, 3) : x);
            return;
        }
        e.define(op.output(), e.graph.op("Reshape", name, Map.of("shape", MxGraph.tuple(target)), x));
    }

    static void softmax(Emitter e, TfliteOperator op) throws ModelLoadException {
        OpOptions.Softmax o = (OpOptions.Softmax) op.options();
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("axis", e.isImage(op.input(0)) ? "1" : "-1");
        if (o.beta() != 1f) {
            attrs.put("temperature", MxGraph.number(1f / o.beta()));
        }
        e.define(op.output(), e.graph.op("softmax", e.name(op, ""), attrs, e.value(op.input(0))));
        e.keepLayout(op.input(0), op.output());
    }

    /**
     * Bilinear resize. MXNet 1.9's {@code _contrib_BilinearResize2D} computes
     * {@code src = dst * (in - 1) / (out - 1)} with {@code align_corners=True} and
     * {@code src = max((dst + 0.5) * in / out - 0.5, 0)} with {@code align_corners=False}: exactly
     * TF's align_corners and half_pixel_centers modes. TF's legacy mode (neither) has no MXNet
     * counterpart and is refused unless the resize is trivial.
     */
    static void resizeBilinear(Emitter e, TfliteOperator op) throws ModelLoadException {
        OpOptions.ResizeBilinear o = (OpOptions.ResizeBilinear) op.options();
        TfliteTensor in = e.tensor(op.input(0));
        TfliteTensor out = e.tensor(op.output());
        int h = out.dim(1);
        int w = out.dim(2);
        MxGraph.Ref x = e.value(op.input(0));
        if (in.dim(1) == h && in.dim(2) == w) {
            e.define(op.output(), x); // same size: every mode is the identity
        } else if (in.dim(1) == 1 && in.dim(2) == 1) { // one pixel: every mode broadcasts it
            e.define(op.output(), e.graph.op("broadcast_to", e.name(op, ""),
                    Map.of("shape", MxGraph.tuple(0, 0, h, w)), x));
        } else if (o.alignCorners() || o.halfPixelCenters()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("height", Integer.toString(h));
            attrs.put("width", Integer.toString(w));
            attrs.put("mode", "size");
            attrs.put("align_corners", o.alignCorners() ? "True" : "False");
            e.define(op.output(), e.graph.op("_contrib_BilinearResize2D", e.name(op, ""), attrs, x));
        } else {
            throw new ModelLoadException(op.describe() + ": RESIZE_BILINEAR without align_corners or"
                    + " half_pixel_centers (TF legacy mode) has no MXNet equivalent");
        }
    }

    static void activation(Emitter e, TfliteOperator op, String kind) throws ModelLoadException {
        MxGraph.Ref x = e.value(op.input(0));
        String name = e.name(op, "");
        MxGraph.Ref y = switch (kind) {
            case "relu6" -> e.graph.clip(name, x, 0f, 6f);
            default -> e.graph.op("Activation", name, Map.of("act_type", kind), x);
        };
        e.define(op.output(), y);
        e.keepLayout(op.input(0), op.output());
    }

    private static MxGraph.Ref toNhwc(Emitter e, String name, MxGraph.Ref x) {
        MxGraph.Ref plain = e.flipped ? e.graph.reverse(name + "_unflip", x, 2, 3) : x;
        return e.graph.op("transpose", name + "_nhwc", Map.of("axes", MxGraph.tuple(0, 2, 3, 1)), plain);
    }
}
