package io.visionstreams.inference.convert.mxnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The MXNet symbol file's JSON as the graph rewrites read and write it: one output per node, as MxGraph writes them. */
final class MxSymbolJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private MxSymbolJson() {}

    /** Parses {@code symbolJson}; refuses graphs with a node of several outputs (the rewrites index nodes as outputs). */
    static ObjectNode readSingleOutputNodes(String symbolJson) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(symbolJson);
        JsonNode rows = root.get("node_row_ptr");
        for (int i = 0; rows != null && i < rows.size(); i++) {
            if (rows.get(i).asInt() != i) {
                throw new IOException("only graphs of single-output nodes are supported");
            }
        }
        return root;
    }

    /** {@code node_row_ptr} for {@code nodes} nodes of one output each. */
    static ArrayNode rowPointers(int nodes) {
        ArrayNode rowPtr = JSON.createArrayNode();
        for (int i = 0; i <= nodes; i++) {
            rowPtr.add(i);
        }
        return rowPtr;
    }
}
