package io.visionstreams.inference.convert.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.convert.mxnet.MxParams;
import io.visionstreams.inference.convert.mxnet.MxTrailingResize;
import io.visionstreams.inference.convert.onnx.OnnxProto.ModelProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.NodeProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.OperatorSetIdProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.TensorProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.TensorShapeProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.TypeProto;
import io.visionstreams.inference.convert.onnx.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Emits a converted graph (the symbol graph and float32 weights the converters write) as an ONNX
 * model, opset {@value #OPSET}: one ONNX lowering per graph operator ({@link OnnxOps}), weights as
 * initializers, the same inputs (a variable read only by a {@code Cast} is a uint8 input) and
 * outputs in the same order. The graph's layout choices (NCHW, the spatial flip of DESIGN.md §3)
 * carry over unchanged, so rows, anchors and post-processing are the same for both formats.
 * Deterministic: the same graph always gives the same bytes.
 */
public final class OnnxEmitter {

    /** ONNX operator set: 18 is the first with {@code Resize}'s {@code axes}. */
    public static final int OPSET = 18;
    private static final int IR_VERSION = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The output of a label-map graph: uint8 {@code [N, H, W]}, the class index of every pixel. */
    public static final String LABELS = "labels";

    private OnnxEmitter() {}

    /**
     * Reads {@code dir/<name>-symbol.json} and {@code -0000.params}; writes {@code dir/<name>.onnx}.
     *
     * @param labelMap end the graph's one output (class scores on axis 1) in its argmax, as uint8
     */
    public static Path emit(Path dir, String name, boolean labelMap) throws IOException {
        return emit(dir, name, labelMap, Optional.empty());
    }

    /** @param resize a bilinear resize of the one output to append (the one the uint8 conversion cut off) */
    public static Path emit(Path dir, String name, boolean labelMap, Optional<MxTrailingResize.Resize> resize)
            throws IOException {
        ModelProto model = toOnnx(Files.readString(dir.resolve(name + "-symbol.json")),
                MxParams.read(dir.resolve(name + "-0000.params")), name, labelMap, resize);
        Path out = dir.resolve(name + ".onnx");
        Files.write(out, model.toByteArray());
        return out;
    }

    public static ModelProto toOnnx(String symbolJson, Map<String, MxParams.Tensor> params, String graphName,
                                    boolean labelMap, Optional<MxTrailingResize.Resize> resize) throws IOException {
        JsonNode root = JSON.readTree(symbolJson);
        JsonNode nodes = root.get("nodes");
        List<String> outputNames = new ArrayList<>();
        for (JsonNode n : nodes) {
            outputNames.add(n.get("name").asText());
        }
        OnnxNodes g = new OnnxNodes();
        g.graph.setName(graphName);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String op = n.get("op").asText();
            String name = n.get("name").asText();
            if (op.equals("null")) {
                MxParams.Tensor p = params.get(name);
                if (p != null) {
                    g.floats(name, p.shape(), p.values());
                } else {
                    g.graph.addInput(value(name, readOnlyByCast(nodes, i) ? TensorProto.DataType.UINT8
                            : TensorProto.DataType.FLOAT, 4));
                }
                continue;
            }
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.get("inputs")) {
                inputs.add(outputNames.get(in.get(0).asInt()));
            }
            JsonNode attrs = n.has("attrs") ? n.get("attrs") : JSON.createObjectNode();
            try {
                OnnxOps.lower(g, op, name, attrs, inputs);
            } catch (RuntimeException e) {
                throw new IOException("cannot emit " + op + " node " + name + " as ONNX: " + e.getMessage(), e);
            }
        }
        JsonNode heads = root.get("heads");
        if (resize.isPresent()) {
            if (heads.size() != 1) {
                throw new IOException("an output resize needs a graph of one output, not " + heads.size());
            }
            String scores = outputNames.get(heads.get(0).get(0).asInt());
            String resized = scores + "_resized";
            OnnxOps.lower(g, "_contrib_BilinearResize2D", resized, JSON.createObjectNode()
                    .put("height", Integer.toString(resize.get().height())).put("width", Integer.toString(resize.get().width()))
                    .put("mode", "size").put("align_corners", resize.get().alignCorners() ? "True" : "False"), List.of(scores));
            outputNames.set(heads.get(0).get(0).asInt(), resized);
        }
        if (labelMap) {
            if (heads.size() != 1) {
                throw new IOException("a label map needs a graph of one output, not " + heads.size());
            }
            String scores = outputNames.get(heads.get(0).get(0).asInt());
            g.node("ArgMax", scores + "_argmax", scores).addAttribute(OnnxNodes.integer("axis", 1))
                    .addAttribute(OnnxNodes.integer("keepdims", 0));
            g.node("Cast", LABELS, scores + "_argmax").addAttribute(OnnxNodes.integer("to", TensorProto.DataType.UINT8_VALUE));
            g.graph.addOutput(value(LABELS, TensorProto.DataType.UINT8, -1));
        } else {
            for (JsonNode head : heads) {
                g.graph.addOutput(value(outputNames.get(head.get(0).asInt()), TensorProto.DataType.FLOAT, -1));
            }
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("vision-streams")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g.graph).build();
    }

    /** A tensor value of a type; {@code rank < 0}: shape left unknown. */
    private static ValueInfoProto value(String name, TensorProto.DataType type, int rank) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(type.getNumber());
        if (rank >= 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (int d = 0; d < rank; d++) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(d == 0 ? "N" : name + "_d" + d));
            }
            t.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    private static boolean readOnlyByCast(JsonNode nodes, int variable) {
        boolean read = false;
        for (JsonNode n : nodes) {
            for (JsonNode in : n.get("inputs")) {
                if (in.get(0).asInt() == variable) {
                    if (!n.get("op").asText().equals("Cast")) {
                        return false;
                    }
                    read = true;
                }
            }
        }
        return read;
    }

    /** For tests and diagnostics: the operator types of a model, in node order. */
    public static List<String> opTypes(ModelProto model) {
        return model.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }
}
