package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import java.util.List;

/** What a TensorFlow tensor has become while {@link GraphLowering} builds the MXNet graph. */
sealed interface Value {

    /**
     * A feature map emitted in MXNet: NCHW, spatially flipped on both axes (the input is flipped
     * once; every convolution keeps the flip, see {@link SamePadding}).
     */
    record Feature(MxGraph.Ref ref, int channels, int height, int width) implements Value {}

    /**
     * A tensor emitted in TensorFlow's layout after a reshape; {@code itemShape} excludes the batch.
     * {@code rows}, when not null, says where TF's row {@code i} of axis 1 is in {@code ref}: rows
     * that came from a flipped feature map stay in mirrored cell order.
     */
    record Flat(MxGraph.Ref ref, int[] itemShape, int[] rows) implements Value {}

    /** A convolution not emitted yet, so that the batch norm or bias after it folds into it. */
    record Pending(FoldedConv conv) implements Value {}

    /** An {@code AddN} not emitted yet, so that a bias added after it folds into one of its convolutions. */
    record Sum(String name, List<Value> terms) implements Value {}

    /** A {@code Const} node. */
    record Constant(TfjsTensor tensor) implements Value {}

    /** {@code Shape(x)}: only its batch dimension is ever read. */
    record ShapeOf(String of) implements Value {}

    /** The (dynamic) batch size, {@code Shape(x)[0]}. */
    record BatchSize() implements Value {}

    /** A static shape built by {@code Pack}: {@code 0} marks the batch dimension (MXNet's "copy"). */
    record StaticShape(int[] dims) implements Value {}
}
