package io.visionstreams.inference.convert.mxnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Moves a model's input normalization and layout change into its graph: the float NCHW input
 * {@code data} becomes a uint8 NHWC input (an RGB frame's bytes as they are) followed by
 * {@code Cast} to float32, {@code (x - zeroPoint) * scale} and a transpose to NCHW, so the
 * caller's pre-processing is one bulk copy. Works on the single-output graphs {@link MxGraph}
 * writes; the values are those of {@code (pixel - zeroPoint) * scale} in float32.
 */
public final class MxUint8Input {

    private static final ObjectMapper JSON = MxSymbolJson.JSON;

    private MxUint8Input() {}

    /** The node that now gives what {@code input} gave (the NCHW float tensor): {@code <input>_nchw}. */
    public static String floatInput(String input) {
        return input + "_nchw";
    }

    public static String rewrite(String symbolJson, String input, float zeroPoint, float scale) throws IOException {
        ObjectNode root = MxSymbolJson.readSingleOutputNodes(symbolJson);
        ArrayNode nodes = (ArrayNode) root.get("nodes");
        int data = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).get("op").asText().equals("null") && nodes.get(i).get("name").asText().equals(input)) {
                data = i;
            }
        }
        if (data < 0) {
            throw new IOException("the graph has no input " + input);
        }
        String[][] prefix = {
            {"Cast", input + "_float", "dtype", "float32"},
            {"_minus_scalar", input + "_centred", "scalar", MxGraph.number(zeroPoint)},
            {"_mul_scalar", input + "_scaled", "scalar", MxGraph.number(scale)},
            {"transpose", floatInput(input), "axes", MxGraph.tuple(0, 3, 1, 2)}};
        int added = prefix.length;
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode node = (ObjectNode) nodes.get(i);
            for (JsonNode in : node.get("inputs")) {
                int from = in.get(0).asInt();
                ((ArrayNode) in).set(0, from == data ? data + added : from > data ? from + added : from);
            }
            out.add(node);
            if (i == data) {
                for (int p = 0; p < prefix.length; p++) {
                    ObjectNode op = out.addObject();
                    op.put("op", prefix[p][0]).put("name", prefix[p][1]);
                    op.putObject("attrs").put(prefix[p][2], prefix[p][3]);
                    op.putArray("inputs").addArray().add(data + p).add(0).add(0);
                }
            }
        }
        root.set("nodes", out);
        ArrayNode args = JSON.createArrayNode();
        for (JsonNode a : root.get("arg_nodes")) {
            args.add(a.asInt() > data ? a.asInt() + added : a.asInt());
        }
        root.set("arg_nodes", args);
        root.set("node_row_ptr", MxSymbolJson.rowPointers(out.size()));
        for (JsonNode head : root.get("heads")) {
            int from = head.get(0).asInt();
            ((ArrayNode) head).set(0, from > data ? from + added : from);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
