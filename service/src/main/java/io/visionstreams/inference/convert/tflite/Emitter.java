package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tflite.OpOptions.Activation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one conversion: the MXNet graph being built and the MXNet value of every TFLite
 * tensor converted so far. Rank-4 tensors are NCHW (and spatially flipped when {@link #flipped});
 * tensors of other ranks keep TFLite's layout.
 */
final class Emitter {

    final TfliteModel model;
    final MxGraph graph = new MxGraph();
    final boolean flipped;
    int padOps;
    int impliedRelu6;
    int rangeClips;

    private final Map<Integer, MxGraph.Ref> values = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    /** Tensors kept in TFLite's own layout: rank 3, or rank 4 that are not images (detector rows). */
    private final Set<Integer> flat = new HashSet<>();
    /** Of flat tensors: the model row of each TF row along axis 1, where the flip mirrored them. */
    private final Map<Integer, int[]> rowMaps = new HashMap<>();

    Emitter(TfliteModel model, boolean flipped) {
        this.model = model;
        this.flipped = flipped;
    }

    TfliteTensor tensor(int index) {
        return model.tensor(index);
    }

    boolean isDefined(int tensor) {
        return values.containsKey(tensor);
    }

    /** The value of a tensor computed earlier, or of a constant turned into a parameter. */
    MxGraph.Ref value(int tensor) throws ModelLoadException {
        MxGraph.Ref ref = values.get(tensor);
        if (ref != null) {
            return ref;
        }
        TfliteTensor t = tensor(tensor);
        if (!t.isConstant()) {
            throw new ModelLoadException("tensor " + t.name() + " is used before it is computed");
        }
        ref = constant(t);
        values.put(tensor, ref);
        return ref;
    }

    void define(int tensor, MxGraph.Ref ref) {
        values.put(tensor, ref);
        float[] range = QuantRange.bounds(tensor(tensor));
        if (range != null) { // the calibration table of an INT8 conversion (Int8Conversion)
            graph.knownRange(ref, range[0], range[1]);
        }
    }

    /**
     * Defines a tensor held in TFLite's layout (no NCHW transpose, even at rank 4).
     *
     * @param rows model row of each TF row along axis 1, or {@code null} when they are in TF's order
     */
    void defineFlat(int tensor, MxGraph.Ref ref, int[] rows) {
        values.put(tensor, ref);
        flat.add(tensor);
        if (rows != null) {
            rowMaps.put(tensor, rows.clone());
        }
    }

    /** Whether the tensor's MXNet value is an NCHW (possibly flipped) image. */
    boolean isImage(int tensor) {
        return tensor(tensor).rank() == 4 && !flat.contains(tensor);
    }

    /** The row map of a flat tensor ({@code null}: TF's row order). */
    int[] rows(int tensor) {
        int[] rows = rowMaps.get(tensor);
        return rows == null ? null : rows.clone();
    }

    /** An element-wise operator's output keeps its input's layout. */
    void keepLayout(int from, int to) {
        if (flat.contains(from) || tensor(from).rank() != 4) {
            defineFlat(to, values.get(to), rowMaps.get(from));
        }
    }

    /** A unique MXNet node name from the first part of a tensor's TFLite name. */
    String name(TfliteOperator op, String suffix) {
        String tf = tensor(op.output()).name();
        String base = (tf == null ? "op" + op.index() : tf.split(";")[0]).replaceAll("[^A-Za-z0-9_]", "_") + suffix;
        String name = names.contains(base) ? base + "_" + op.index() : base;
        names.add(name);
        return name;
    }

    /**
     * Applies the operator's fused activation. A quantized output whose whole range is [0, 6]
     * is a ReLU6 the converter folded into the range (MODELS.md); other ranges are not clipped.
     */
    MxGraph.Ref activation(TfliteOperator op, MxGraph.Ref x, boolean rangeCanImplyRelu6) throws ModelLoadException {
        Activation act = op.options().fusedActivation();
        if (act == Activation.NONE && rangeCanImplyRelu6 && QuantRange.isRelu6(tensor(op.output()))) {
            impliedRelu6++;
            act = Activation.RELU6;
        }
        return switch (act) {
            case NONE -> x;
            case RELU -> graph.op("Activation", name(op, "_relu"), Map.of("act_type", "relu"), x);
            case RELU6 -> graph.clip(name(op, "_relu6"), x, 0f, 6f);
            case RELU_N1_TO_1 -> graph.clip(name(op, "_relu1"), x, -1f, 1f);
            case TANH -> graph.op("Activation", name(op, "_tanh"), Map.of("act_type", "tanh"), x);
            case SIGN_BIT -> throw new ModelLoadException(op.describe() + ": fused SIGN_BIT is not supported");
        };
    }

    private MxGraph.Ref constant(TfliteTensor t) throws ModelLoadException {
        float[] v = Dequantizer.floats(t);
        String name = "const_" + t.index();
        if (t.rank() == 4) { // NHWC -> NCHW, mirrored like every activation in the flipped domain
            int h = t.dim(1);
            int w = t.dim(2);
            int c = t.dim(3);
            float[] out = new float[v.length];
            for (int n = 0; n < t.dim(0); n++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int sy = flipped ? h - 1 - y : y;
                        int sx = flipped ? w - 1 - x : x;
                        for (int ch = 0; ch < c; ch++) {
                            out[((n * c + ch) * h + y) * w + x] = v[((n * h + sy) * w + sx) * c + ch];
                        }
                    }
                }
            }
            return graph.param(name, new int[] {t.dim(0), c, h, w}, out);
        }
        if (t.rank() <= 1) { // per-channel or scalar constant, broadcast over NCHW (callers check the rank)
            return graph.param(name, new int[] {1, v.length, 1, 1}, v);
        }
        throw new ModelLoadException("constant " + t.name() + " of rank " + t.rank() + " is not supported");
    }
}
