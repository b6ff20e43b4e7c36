package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.convert.tfjs.Value.Feature;
import io.visionstreams.inference.convert.tfjs.Value.Flat;
import io.visionstreams.inference.convert.tfjs.Value.Pending;
import io.visionstreams.inference.convert.tfjs.Value.Sum;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers the part of a TF.js graph between one input node and the requested outputs into an
 * {@link MxGraph}, depth-first from the outputs (so node order, and the files, are deterministic).
 * Convolutions stay pending until something other than a per-channel {@code Mul}, {@code Add},
 * {@code BiasAdd} or {@code FusedBatchNorm} reads them, so all three batch-norm forms of the
 * SSDLite graph fold into conv weights and biases — including the residual blocks TF's optimizer
 * rewrote into {@code Add(bias, AddN(conv, skip))}. Feature maps are kept spatially flipped (see
 * {@link SamePadding}); where a {@code Reshape} leaves the spatial layout, the rows it makes keep
 * the mirrored cell order and {@link ShapeOps} records the row map.
 * Unsupported ops or patterns fail with the node's name.
 */
final class GraphLowering {

    private final TfjsGraphModel tf;
    private final MxGraph mx;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final NodeLowering ops;
    private int unevenPads;

    GraphLowering(TfjsGraphModel tf, MxGraph mx, String inputNode, Feature input, List<String> outputs) {
        this.tf = tf;
        this.mx = mx;
        this.ops = new NodeLowering(this, mx);
        values.put(inputNode, input);
        countConsumers(inputNode, outputs);
    }

    /**
     * Lowers everything {@code name} depends on and returns it as an emitted reshaped tensor whose
     * axis-1 rows may be in mirrored order ({@link Flat#rows()}), for the caller to publish.
     */
    Flat output(String name) {
        if (emitted(name) instanceof Flat f) {
            return f;
        }
        throw new UnsupportedOperationException(name + " is a feature map; only reshaped outputs are supported");
    }

    /** How many stride-2 layers TF pads unevenly (handled by the flip, not by {@code Pad}). */
    int unevenPads() {
        return unevenPads;
    }

    void countUnevenPad() {
        unevenPads++;
    }

    TfjsGraphModel tf() {
        return tf;
    }

    /** The value of a node's output, lowering it first if needed; may be pending. */
    Value value(String name) {
        Value v = values.get(name);
        if (v == null) {
            v = ops.lower(tf.node(name));
            values.put(name, v);
        }
        return v;
    }

    /** The value, emitted; the emitted form replaces a pending one so every reader shares it. */
    Value emitted(String name) {
        Value v = value(name);
        Value e = emit(v);
        if (e != v) {
            values.put(name, e);
        }
        return e;
    }

    Feature feature(String name) {
        if (emitted(name) instanceof Feature f) {
            return f;
        }
        throw new UnsupportedOperationException(name + " is not a feature map where one is expected");
    }

    /** A pending convolution only this node reads (so folding into it is safe), or null. */
    FoldedConv foldable(String name) {
        return value(name) instanceof Pending p && consumers.getOrDefault(name, 0) == 1 ? p.conv() : null;
    }

    boolean hasSingleConsumer(String name) {
        return consumers.getOrDefault(name, 0) == 1;
    }

    TfjsTensor constant(String name) {
        if (value(name) instanceof Value.Constant c) {
            return c.tensor();
        }
        throw new UnsupportedOperationException(name + " is not a constant where one is expected");
    }

    boolean isConstant(String name) {
        return tf.node(stripOutput(name)).op().equals("Const");
    }

    /** Emits a pending value; other values are returned as they are. */
    Value emit(Value v) {
        if (v instanceof Pending p) {
            return emitConv(p.conv());
        }
        if (v instanceof Sum s) {
            Feature first = (Feature) emit(s.terms().get(0));
            MxGraph.Ref acc = first.ref();
            for (int i = 1; i < s.terms().size(); i++) {
                Feature f = (Feature) emit(s.terms().get(i));
                acc = mx.add(i == 1 ? s.name() : s.name() + "_" + i, acc, f.ref());
            }
            return new Feature(acc, first.channels(), first.height(), first.width());
        }
        return v;
    }

    private Feature emitConv(FoldedConv c) {
        MxGraph.Ref w = mx.param(c.name() + "/weight",
                new int[] {c.outChannels(), c.weights().length / c.outChannels() / c.kernelH() / c.kernelW(),
                        c.kernelH(), c.kernelW()}, c.weights());
        MxGraph.Ref b = c.bias() == null ? null : mx.param(c.name() + "/bias", new int[] {c.outChannels()}, c.bias());
        MxGraph.Ref out = mx.convolution(c.name(), c.input().ref(), w, b, new int[] {c.kernelH(), c.kernelW()},
                new int[] {c.stride(), c.stride()}, new int[] {c.padH(), c.padW()}, c.outChannels(), c.groups());
        return new Feature(out, c.outChannels(), c.outH(), c.outW());
    }

    static String stripOutput(String input) {
        int colon = input.lastIndexOf(':');
        return colon > 0 ? input.substring(0, colon) : input;
    }

    private void countConsumers(String inputNode, List<String> outputs) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name) || name.equals(inputNode)) {
                continue;
            }
            for (String in : new ArrayList<>(tf.node(name).inputs())) {
                String src = stripOutput(in);
                consumers.merge(src, 1, Integer::sum);
                todo.push(src);
            }
        }
    }
}
