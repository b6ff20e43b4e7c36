package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Detector heads: a feature map {@code [1, H, W, A * k]} reshaped into one row per anchor
 * ({@code [1, H * W * A, ...]}), rows concatenated along axis 1, and element-wise ops on them. On the
 * flipped graph (DESIGN.md §3) the cells come out mirrored; instead of a {@code reverse} per head, the
 * rows stay where the flipped network puts them and a row map records where each of TF's rows went
 * (anchor {@code (y, x, a)} is in row {@code ((H-1-y) * W + (W-1-x)) * A + a}), for the caller to read
 * through (as {@code SsdAnchors} does). Reshapes this class does not recognise are left to
 * {@link TensorOps}.
 *
 * <p>In a graph ending in {@code TFLite_Detection_PostProcess}, rows keep the range their quantized
 * tensors can represent: each head's reshape and each concatenation clips to its output's uint8 range, as the quantized runtime saturates there. The
 * class logits of SSD-MobileNetV1's heads reach past their ranges (head 3's top is 1.43, a score of
 * 0.81, where the float network says 1.8, 0.86), so without the clip the scores of confident objects
 * drift from TFLite's by more than its 1/256 steps. Feature maps are not clipped (DESIGN.md §3).
 */
final class RowOps {

    /** Operators that can read rows in TFLite's layout (everything else reads images). */
    private static final Set<BuiltinOperator> ROW_READERS = EnumSet.of(BuiltinOperator.RESHAPE,
            BuiltinOperator.CONCATENATION, BuiltinOperator.LOGISTIC, BuiltinOperator.SOFTMAX,
            BuiltinOperator.QUANTIZE, BuiltinOperator.DEQUANTIZE, BuiltinOperator.CUSTOM);

    private RowOps() {}

    /** Handles a reshape into rows, or of rows; false when it is an image reshape for {@link TensorOps}. */
    static boolean reshape(Emitter e, TfliteOperator op) throws ModelLoadException {
        TfliteTensor in = e.tensor(op.input(0));
        TfliteTensor out = e.tensor(op.output());
        boolean outFlat = out.rank() != 4 || onlyRowReaders(e.model, op.output());
        if (!outFlat) {
            if (e.rows(op.input(0)) != null) {
                throw new ModelLoadException(op.describe() + ": mirrored rows reshaped into an image");
            }
            return false;
        }
        String name = e.name(op, "");
        MxGraph.Ref x = e.value(op.input(0));
        int[] rows;
        if (e.isImage(op.input(0))) {
            int cells = in.dim(1) * in.dim(2);
            int perCell = out.dim(1) % cells == 0 ? out.dim(1) / cells : 0;
            if (perCell == 0 || in.dim(3) % perCell != 0 || trailing(out) != in.dim(3) / perCell) {
                return false; // not one row per anchor: TensorOps un-flips and reshapes it
            }
            if (cells > 1) {
                x = e.graph.transpose(name + "_nhwc", x, 0, 2, 3, 1);
            }
            rows = e.flipped && cells > 1 ? mirrored(in.dim(1), in.dim(2), perCell) : null;
        } else {
            rows = e.rows(op.input(0));
            if (rows != null && out.dim(1) != in.dim(1)) {
                throw new ModelLoadException(op.describe() + ": reshape of mirrored rows that changes axis 1");
            }
        }
        int[] target = out.shape().clone();
        target[0] = 0; // MXNet: copy the batch dimension
        MxGraph.Ref y = e.graph.op("Reshape", name, Map.of("shape", MxGraph.tuple(target)), x);
        if (e.isImage(op.input(0))) {
            y = clipToRange(e, op, y);
        }
        e.defineFlat(op.output(), y, rows);
        return true;
    }

    /** Handles a concatenation of rows along axis 1; false when its inputs are images. */
    static boolean concat(Emitter e, TfliteOperator op) throws ModelLoadException {
        boolean anyFlat = Arrays.stream(op.inputs()).anyMatch(i -> !e.isImage(i));
        if (!anyFlat) {
            return false;
        }
        OpOptions.Concatenation o = (OpOptions.Concatenation) op.options();
        int rank = e.tensor(op.output()).rank();
        int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
        MxGraph.Ref[] refs = new MxGraph.Ref[op.inputs().length];
        boolean mirrored = false;
        for (int i = 0; i < refs.length; i++) {
            if (e.isImage(op.input(i))) {
                throw new ModelLoadException(op.describe() + ": concatenation of rows and images");
            }
            mirrored |= e.rows(op.input(i)) != null;
            refs[i] = e.value(op.input(i));
        }
        if (mirrored && axis != 1) {
            throw new ModelLoadException(op.describe() + ": concatenation of mirrored rows along axis " + axis);
        }
        int[] rows = null;
        if (mirrored) { // stacked along axis 1: so are the row maps, shifted by each part's offset
            rows = new int[e.tensor(op.output()).dim(1)];
            int offset = 0;
            for (int in : op.inputs()) {
                int[] part = e.rows(in);
                int n = e.tensor(in).dim(1);
                for (int r = 0; r < n; r++) {
                    rows[offset + r] = offset + (part == null ? r : part[r]);
                }
                offset += n;
            }
        }
        MxGraph.Ref y = e.graph.op("Concat", e.name(op, ""),
                Map.of("dim", Integer.toString(axis), "num_args", Integer.toString(refs.length)), refs);
        e.defineFlat(op.output(), clipToRange(e, op, e.activation(op, y, false)), rows);
        return true;
    }

    private static MxGraph.Ref clipToRange(Emitter e, TfliteOperator op, MxGraph.Ref x) {
        float[] range = QuantRange.representable(e.tensor(op.output()));
        if (range == null || !feedsPostProcessOp(e.model)) {
            return x;
        }
        e.rangeClips++;
        return e.graph.clip(e.name(op, "_range"), x, range[0], range[1]);
    }

    /** Row of TF's anchor {@code (y, x, a)} in the flipped network's output: its cell mirrored. */
    static int[] mirrored(int h, int w, int perCell) {
        int[] rows = new int[h * w * perCell];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int a = 0; a < perCell; a++) {
                    rows[(y * w + x) * perCell + a] = ((h - 1 - y) * w + (w - 1 - x)) * perCell + a;
                }
            }
        }
        return rows;
    }

    private static boolean feedsPostProcessOp(TfliteModel model) {
        return model.operators().stream().anyMatch(DetectionPostProcessOp::is);
    }

    private static int trailing(TfliteTensor t) {
        int n = 1;
        for (int d = 2; d < t.rank(); d++) {
            n *= t.dim(d);
        }
        return n;
    }

    /** Whether every reader of the tensor takes rows, and it is not a graph output (those are NCHW). */
    private static boolean onlyRowReaders(TfliteModel model, int tensor) {
        if (Arrays.stream(model.outputs()).anyMatch(o -> o == tensor)) {
            return false;
        }
        for (TfliteOperator reader : model.operators()) {
            if (Arrays.stream(reader.inputs()).anyMatch(i -> i == tensor) && !ROW_READERS.contains(reader.op())) {
                return false;
            }
        }
        return true;
    }
}
