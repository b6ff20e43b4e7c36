package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tfjs.Value.Feature;
import io.visionstreams.inference.convert.tfjs.Value.Flat;
import java.util.Arrays;
import java.util.List;

/**
 * TF's layout ops with static shapes: {@code Reshape}, {@code Squeeze}, {@code ConcatV2}. A reshape
 * of a feature map is where the flipped NCHW world ends: the map is flipped back on both spatial
 * axes and transposed to TF's NHWC order first, so e.g. an SSD head's {@code [N, H, W, A*4]} becomes
 * {@code [N, H*W*A, 4]} with anchor index {@code (y*W + x)*A + a}, exactly as in TF.
 */
final class ShapeOps {

    private ShapeOps() {}

    static Flat reshape(MxGraph mx, TfjsNode n, Value x, Value shape) {
        int[] spec;
        if (shape instanceof Value.StaticShape s) {
            spec = s.dims();
        } else if (shape instanceof Value.Constant c) {
            spec = c.tensor().intValues();
        } else {
            throw NodeLowering.unsupported(n, "reshape to a shape computed at run time");
        }
        MxGraph.Ref in;
        int[] item;
        if (x instanceof Feature f) {
            MxGraph.Ref unflipped = mx.reverse(n.name() + "/unflip", f.ref(), 2, 3);
            in = mx.transpose(n.name() + "/nhwc", unflipped, 0, 2, 3, 1);
            item = new int[] {f.height(), f.width(), f.channels()};
        } else if (x instanceof Flat f) {
            in = f.ref();
            item = f.itemShape();
        } else {
            throw NodeLowering.unsupported(n, "reshape of a non-tensor");
        }
        if (spec.length == 0 || spec[0] != 0) {
            throw NodeLowering.unsupported(n, "reshape that does not keep the batch dimension first");
        }
        int[] out = resolve(n, Arrays.copyOfRange(spec, 1, spec.length), size(item));
        return new Flat(mx.reshape(n.name(), in, withBatch(out)), out);
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
        if (k != out.length) {
            throw NodeLowering.unsupported(n, "squeeze of the batch dimension");
        }
        return new Flat(mx.reshape(n.name(), x.ref(), withBatch(out)), out);
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
        for (int i = 0; i < refs.length; i++) {
            int[] s = parts.get(i).itemShape();
            if (s.length != out.length) {
                throw NodeLowering.unsupported(n, "concatenation of tensors of different ranks");
            }
            out[a - 1] += s[a - 1];
            refs[i] = parts.get(i).ref();
        }
        return new Flat(mx.concat(n.name(), a, refs), out);
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
