package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.detection.PostProcessOptions;
import io.visionstreams.inference.detection.SsdAnchors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a TFLite image model (MobileNetV2 classification, DeepLabv3 segmentation) into MXNet's
 * format. Quantized weights are dequantized to float32; the graph runs in float.
 *
 * <p>The written graph has one input, {@code data}: float32 NCHW {@code [N, 3, S, S]}, RGB, already
 * normalized the way the TFLite input is dequantized, {@code (pixel - zeroPoint) * scale}; for the
 * bundled models {@code (pixel - 128) / 128}. Outputs are the TFLite outputs, rank-4 ones as NCHW:
 * MobileNetV2 gives softmax probabilities {@code [N, 1001]} (index 0 = background); DeepLabv3 gives
 * the class logits {@code [N, 21, S, S]} (its final ARG_MAX is left to the caller).
 *
 * <p>A detector whose graph ends in TF's {@code TFLite_Detection_PostProcess} custom op (SSD-MobileNetV1)
 * is converted up to the op: its outputs are the op's inputs, box encodings {@code [N, anchors, 4]}
 * and sigmoid class scores {@code [N, anchors, 1 + classes]}, with rows in the order the flipped
 * network leaves them; {@code <name>-anchors.json} (the op's constant anchors, centre-size, with the
 * output row of each) and {@code <name>-postprocess.json} (the op's options) are written beside it.
 *
 * <p>TF "SAME" padding on stride-2 layers with even inputs pads (0, 1); instead of MXNet {@code Pad}
 * ops the converter flips the input once on both spatial axes, rotates every kernel by 180° and
 * pads symmetrically (DESIGN.md §3), when that removes more explicit pads than it costs. Output is
 * deterministic: the same file always gives the same bytes.
 */
public final class TfliteConverter {

    private static final Logger LOG = LoggerFactory.getLogger(TfliteConverter.class);

    private TfliteConverter() {}

    /**
     * Converts {@code tflite} and writes {@code outDir/<name>-symbol.json} and
     * {@code outDir/<name>-0000.params}; the result's version is the source file's sha256 prefix.
     */
    public static ConvertedModel convert(Path tflite, Path outDir, String name) throws IOException, ModelLoadException {
        byte[] bytes = Files.readAllBytes(tflite);
        TfliteConversion conversion = toMxNet(TfliteModel.parse(bytes, tflite.toString()));
        conversion.graph().save(outDir, name, conversion.heads().toArray(MxGraph.Ref[]::new));
        String source = tflite.getFileName() + " sha256:" + sha256(bytes);
        if (conversion.detector().isPresent()) {
            TfliteConversion.Detector d = conversion.detector().get();
            d.anchors().write(SsdAnchors.file(outDir, name), source + " " + DetectionPostProcessOp.NAME + " input 2");
            d.options().write(PostProcessOptions.file(outDir, name), source);
        }
        LOG.info("converted {} into {} as {} ({} nodes, flipped={}, pad ops={}, implied ReLU6={})", tflite.getFileName(),
                outDir, name, conversion.graph().nodeCount(), conversion.flipped(), conversion.padOps(),
                conversion.impliedRelu6());
        return new ConvertedModel(name, outDir, sha256(bytes).substring(0, 12));
    }

    /** Whether to run the graph on the spatially flipped tensor (tests force it either way). */
    enum Flip { AUTO, NEVER, ALWAYS }

    /** Builds the MXNet graph of a parsed model without writing it. */
    public static TfliteConversion toMxNet(TfliteModel model) throws ModelLoadException {
        return toMxNet(model, Flip.AUTO);
    }

    static TfliteConversion toMxNet(TfliteModel model, Flip flip) throws ModelLoadException {
        if (model.inputs().length != 1 || model.tensor(model.inputs()[0]).rank() != 4) {
            throw new ModelLoadException("expected one NHWC image input, got " + model.inputs().length + " inputs");
        }
        TfliteTensor input = model.tensor(model.inputs()[0]);
        Emitter e = new Emitter(model, flip == Flip.AUTO ? fewerPadsWhenFlipped(model) : flip == Flip.ALWAYS);
        MxGraph.Ref data = e.graph.input("data");
        e.define(input.index(), e.flipped ? e.graph.reverse("data_flip", data, 2, 3) : data);
        TfliteOperator postProcess = null;
        for (TfliteOperator op : model.operators()) {
            if (DetectionPostProcessOp.is(op)) {
                postProcess = boundary(model, op, postProcess);
            } else {
                emit(e, op);
            }
        }
        Quantization q = input.quantization();
        if (postProcess != null) {
            return detector(e, postProcess, input);
        }
        List<MxGraph.Ref> heads = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (int out : model.outputs()) {
            int tensor = terminalArgMaxInput(model, out);
            TfliteTensor t = model.tensor(tensor);
            MxGraph.Ref head = e.value(tensor);
            if (t.rank() == 4) {
                head = e.flipped ? e.graph.reverse("output" + heads.size() + "_unflip", head, 2, 3) : head;
                shapes.add(new int[] {t.dim(0), t.dim(3), t.dim(1), t.dim(2)});
            } else {
                shapes.add(t.shape().clone());
            }
            if (e.rows(tensor) != null) {
                throw new ModelLoadException("output " + t.name() + " has its rows in mirrored order");
            }
            heads.add(head);
        }
        return new TfliteConversion(e.graph, List.copyOf(heads),
                new int[] {1, input.dim(3), input.dim(1), input.dim(2)},
                q.isQuantized() ? q.scale(0) : 1f, q.isQuantized() ? q.zeroPoint(0) : 0L,
                List.copyOf(shapes), e.flipped, e.padOps, e.impliedRelu6, Optional.empty());
    }

    /** The post-processing op ends the converted graph: it must be the only one, producing the graph outputs. */
    private static TfliteOperator boundary(TfliteModel model, TfliteOperator op, TfliteOperator seen)
            throws ModelLoadException {
        if (seen != null) {
            throw new ModelLoadException(op.describe() + ": a second " + DetectionPostProcessOp.NAME);
        }
        for (int out : op.outputs()) {
            if (!isGraphOutput(model, out)) {
                throw new ModelLoadException(op.describe() + " must produce the graph outputs");
            }
        }
        return op;
    }

    /**
     * A detector ending in {@code TFLite_Detection_PostProcess}: the graph outputs become the op's
     * inputs (box encodings and class scores, rows as the flipped network leaves them); its anchors
     * and options travel beside the graph for the Java post-processing.
     */
    private static TfliteConversion detector(Emitter e, TfliteOperator op, TfliteTensor input)
            throws ModelLoadException {
        int boxes = op.input(0);
        int scores = op.input(1);
        TfliteTensor anchorTensor = e.tensor(op.input(2));
        TfliteTensor boxTensor = e.tensor(boxes);
        if (boxTensor.rank() != 3 || e.tensor(scores).rank() != 3 || !anchorTensor.isConstant()
                || anchorTensor.rank() != 2 || anchorTensor.dim(0) != boxTensor.dim(1) || anchorTensor.dim(1) != 4) {
            throw new ModelLoadException(op.describe() + ": expected encodings [1, n, 4], scores [1, n, classes]"
                    + " and constant anchors [n, 4]");
        }
        int[] rows = e.rows(boxes);
        if (!Arrays.equals(rows, e.rows(scores))) {
            throw new ModelLoadException(op.describe() + ": box and score rows are in different orders");
        }
        SsdAnchors anchors = new SsdAnchors(Dequantizer.floats(anchorTensor), rows, SsdAnchors.Layout.CENTER_SIZE);
        Quantization q = input.quantization();
        return new TfliteConversion(e.graph, List.of(e.value(boxes), e.value(scores)),
                new int[] {1, input.dim(3), input.dim(1), input.dim(2)},
                q.isQuantized() ? q.scale(0) : 1f, q.isQuantized() ? q.zeroPoint(0) : 0L,
                List.of(boxTensor.shape().clone(), e.tensor(scores).shape().clone()), e.flipped, e.padOps,
                e.impliedRelu6, Optional.of(new TfliteConversion.Detector(anchors, DetectionPostProcessOp.options(op))));
    }

    private static void emit(Emitter e, TfliteOperator op) throws ModelLoadException {
        try {
            switch (op.op()) {
                case CONV_2D -> WindowOps.conv(e, op);
                case DEPTHWISE_CONV_2D -> WindowOps.depthwise(e, op);
                case AVERAGE_POOL_2D -> WindowOps.pool(e, op, "avg");
                case MAX_POOL_2D -> WindowOps.pool(e, op, "max");
                case ADD -> TensorOps.add(e, op);
                case CONCATENATION -> TensorOps.concat(e, op);
                case RESHAPE -> TensorOps.reshape(e, op);
                case SOFTMAX -> TensorOps.softmax(e, op);
                case RESIZE_BILINEAR -> TensorOps.resizeBilinear(e, op);
                case QUANTIZE, DEQUANTIZE -> TensorOps.identity(e, op); // float graph: nothing to do
                case RELU -> TensorOps.activation(e, op, "relu");
                case RELU6 -> TensorOps.activation(e, op, "relu6");
                case LOGISTIC -> TensorOps.activation(e, op, "sigmoid");
                case ARG_MAX -> {
                    if (!isGraphOutput(e.model, op.output())) {
                        throw new ModelLoadException(op.describe() + " is only supported as a final output");
                    }
                }
                default -> throw new ModelLoadException(op.describe() + " is not supported by the converter");
            }
        } catch (ClassCastException | IllegalArgumentException | IllegalStateException e2) {
            throw new ModelLoadException(op.describe() + ": " + e2.getMessage(), e2);
        }
    }

    /** Flip only when it removes explicit pads: 224-input MobileNetV2 yes, 513-input DeepLab no. */
    private static boolean fewerPadsWhenFlipped(TfliteModel model) {
        int plain = 0;
        int flipped = 0;
        for (TfliteOperator op : model.operators()) {
            plain += WindowOps.needsPad(model, op, false) ? 1 : 0;
            flipped += WindowOps.needsPad(model, op, true) ? 1 : 0;
        }
        return flipped < plain;
    }

    private static int terminalArgMaxInput(TfliteModel model, int tensor) {
        for (TfliteOperator op : model.operators()) {
            if (op.op() == BuiltinOperator.ARG_MAX && op.output() == tensor) {
                return op.input(0);
            }
        }
        return tensor;
    }

    private static boolean isGraphOutput(TfliteModel model, int tensor) {
        for (int out : model.outputs()) {
            if (out == tensor) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
