package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.detection.PostProcessOptions;
import io.visionstreams.inference.detection.SsdAnchors;
import java.util.List;
import java.util.Optional;

/**
 * A TFLite graph converted to MXNet, in memory, with the facts a caller needs to feed it.
 *
 * @param graph         operators and float32 parameters
 * @param heads         the graph outputs, in the TFLite output order (ARG_MAX outputs replaced by its input)
 * @param inputShape    {@code data}'s shape, NCHW with batch 1 (the graph itself accepts any batch)
 * @param inputScale    the TFLite input's quantization: the graph expects
 *                      {@code inputScale * (pixel - inputZeroPoint)}; 1 and 0 for float models
 * @param inputZeroPoint see {@code inputScale}
 * @param outputShapes  each head's shape with batch 1: NCHW for rank 4, TFLite's layout otherwise
 * @param flipped       whether the spatial flip of DESIGN.md §3 was applied (internal; outputs are un-flipped)
 * @param padOps        explicit {@code Pad} operators the graph needed (0 for the bundled models)
 * @param impliedRelu6  ReLU6 clips added because a quantized range said [0, 6] with no fused activation
 * @param detector      for a graph ending in {@code TFLite_Detection_PostProcess}: what the op needs
 *                      besides the heads (which are then its box encodings and class scores)
 */
public record TfliteConversion(MxGraph graph, List<MxGraph.Ref> heads, int[] inputShape, float inputScale,
                               long inputZeroPoint, List<int[]> outputShapes, boolean flipped, int padOps,
                               int impliedRelu6, Optional<Detector> detector) {

    /**
     * The post-processing op's constant input and options.
     *
     * @param anchors the op's anchors, centre-size, each with its row in the converted heads
     * @param options the op's custom options
     */
    public record Detector(SsdAnchors anchors, PostProcessOptions options) {}
}
