package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tfjs.Value.Feature;
import io.visionstreams.inference.convert.tfjs.Value.Flat;
import java.util.Arrays;
import java.util.List;

/**
 * TF's layout ops with static shapes: {@code Reshape}, {@code Squeeze}, {@code ConcatV2}. A reshape
 * of a feature map leaves the flipped NCHW world: the map is transposed to TF's NHWC order, e.g. an
 * SSD head's {@code [N, H, W, A*4]} becomes {@code [N, H*W*A, 4]}, but its rows (one anchor each) are
 * in mirrored cell order. Rather than flip each map back (12 {@code reverse} ops cost about 7% of the
 * SSD's run time), the row order is tracked through reshapes and concatenation ({@link Flat#rows()})
 * and handed to the caller. Layout changes that would mix rows of different cells are refused.
 */
final class ShapeOps {

    private ShapeOps() {}

    static Flat reshape(MxGraph mx, TfjsNode n, Value x, Value shape) {
        int[] spec = shapeSpec(n, shape);
        if (spec.length < 2 || spec[0] != 0) {
            throw NodeLowering.unsupported(n, "reshape that does not keep the batch dimension first");
        }
        if (x instanceof Feature f) {
            int cells = f.height() * f.width();
            int[] out = resolve(n, Arrays.copyOfRange(spec, 1, spec.length), f.channels() * cells);
            MxGraph.Ref nhwc = mx.transpose(n.name() + "/nhwc", f.ref(), 0, 2, 3, 1);
            if (out[0] % cells == 0) {
                // each row of axis 1 lies within one grid cell: only the cell order is mirrored
                int perCell = out[0] / cells;
                int[] rows = new int[out[0]];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (cells - 1 - i / perCell) * perCell + i % perCell;
                }
                return new Flat(mx.reshape(n.name(), nhwc, withBatch(out)), out, rows);
            }
            throw NodeLowering.unsupported(n, "reshape whose rows span several grid cells");
        }
        if (x instanceof Flat f) {
            int[] out = resolve(n, Arrays.copyOfRange(spec, 1, spec.length), size(f.itemShape()));
            requireRowsKept(n, f, out[0]);
            return new Flat(mx.reshape(n.name(), f.ref(), withBatch(out)), out, f.rows());
        }
        throw NodeLowering.unsupported(n, "reshape of a non-tensor");
    }

    static Flat squeeze(MxGraph mx, TfjsNode n, Flat x) {
        int rank = x.itemShape().length + 1;
        int[] axes = n.ints("squeeze_dims");
        int[] out = new int[x.itemShape().length - axes.length];
        int k = 0;
        for (int d = 1; d < rank; d++) {
            final int axis = d;
            boolean squeezed = Arrays.stream(axes).anyMatch(a -> (a + rank) % rank == axis);
            if (squeezed && x.itemShape()[d - 1] != 1) {
                throw NodeLowering.unsupported(n, "squeeze of a dimension of size " + x.itemShape()[d - 1]);
            }
            if (!squeezed) {
                out[k++] = x.itemShape()[d - 1];
            }
        }
        if (k != out.length || out.length == 0) {
            throw NodeLowering.unsupported(n, "squeeze of the batch dimension or of every dimension");
        }
        requireRowsKept(n, x, out[0]);
        return new Flat(mx.reshape(n.name(), x.ref(), withBatch(out)), out, x.rows());
    }

    static Flat concat(MxGraph mx, TfjsNode n, List<Flat> parts, int axis) {
        int rank = parts.get(0).itemShape().length + 1;
        int a = (axis + rank) % rank;
        if (a == 0) {
            throw NodeLowering.unsupported(n, "concatenation along the batch dimension");
        }
        int[] out = parts.get(0).itemShape().clone();
        out[a - 1] = 0;
        MxGraph.Ref[] refs = new MxGraph.Ref[parts.size()];
        boolean reordered = parts.stream().anyMatch(p -> p.rows() != null);
        if (reordered && a != 1) {
            throw NodeLowering.unsupported(n, "concatenation of mirrored rows along axis " + a);
        }
        for (int i = 0; i < refs.length; i++) {
            Flat p = parts.get(i);
            if (p.itemShape().length != out.length) {
                throw NodeLowering.unsupported(n, "concatenation of tensors of different ranks");
            }
            out[a - 1] += p.itemShape()[a - 1];
            refs[i] = p.ref();
        }
        int[] rows = null;
        if (a == 1 && reordered) {
            // the parts are stacked along axis 1, so their row maps are too, shifted by their offsets
            rows = new int[out[0]];
            int offset = 0;
            for (Flat p : parts) {
                for (int i = 0; i < p.itemShape()[0]; i++) {
                    rows[offset + i] = offset + (p.rows() == null ? i : p.rows()[i]);
                }
                offset += p.itemShape()[0];
            }
        }
        return new Flat(mx.concat(n.name(), a, refs), out, rows);
    }

    /** Mirrored rows survive a reshape only if axis 1 keeps its size (each row stays whole). */
    private static void requireRowsKept(TfjsNode n, Flat x, int rowsAfter) {
        if (x.rows() != null && rowsAfter != x.itemShape()[0]) {
            throw NodeLowering.unsupported(n, "reshape of mirrored rows that changes axis 1");
        }
    }

    private static int[] shapeSpec(TfjsNode n, Value shape) {
        if (shape instanceof Value.StaticShape s) {
            return s.dims();
        }
        if (shape instanceof Value.Constant c) {
            return c.tensor().intValues();
        }
        throw NodeLowering.unsupported(n, "reshape to a shape computed at run time");
    }

    /** Replaces one {@code -1} by what the element count leaves for it. */
    private static int[] resolve(TfjsNode n, int[] dims, int size) {
        int[] out = dims.clone();
        int known = 1;
        int infer = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                infer = i;
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            out[infer] = size / known;
        }
        if (size(out) != size) {
            throw NodeLowering.unsupported(n, "reshape of " + size + " elements to " + Arrays.toString(dims));
        }
        return out;
    }

    private static int[] withBatch(int[] item) {
        int[] shape = new int[item.length + 1];
        System.arraycopy(item, 0, shape, 1, item.length);
        return shape; // shape[0] = 0: MXNet copies the batch dimension
    }

    private static int size(int[] dims) {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }
}
