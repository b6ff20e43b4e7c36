package io.visionstreams.inference.convert.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One node of a TF.js GraphDef: name, op, data inputs (control inputs {@code ^x} dropped, output
 * suffixes {@code x:1} kept) and its attributes as TensorFlow's AttrValue JSON.
 */
public record TfjsNode(String name, String op, List<String> inputs, JsonNode attr) {

    static TfjsNode of(JsonNode n) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode in : n.path("input")) {
            if (!in.asText().startsWith("^")) {
                inputs.add(in.asText());
            }
        }
        return new TfjsNode(n.path("name").asText(), n.path("op").asText(), List.copyOf(inputs), n.path("attr"));
    }

    /** Input {@code i} without an output suffix; only output 0 of any node is supported. */
    public String input(int i) {
        String in = inputs.get(i);
        int colon = in.lastIndexOf(':');
        if (colon > 0) {
            if (!in.substring(colon + 1).equals("0")) {
                throw new UnsupportedOperationException(name + " reads output " + in + "; only output 0 is supported");
            }
            return in.substring(0, colon);
        }
        return in;
    }

    /** A string attribute ({@code s}): an array of byte values in TF.js files, base64 in protobuf JSON. */
    public String string(String key) {
        JsonNode s = attr.path(key).path("s");
        if (s.isArray()) {
            byte[] bytes = new byte[s.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) s.get(i).asInt();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (s.isTextual()) {
            return new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException(name + " has no string attribute " + key);
    }

    /** An int-list attribute ({@code list.i}, stored as strings), e.g. strides. */
    public int[] ints(String key) {
        JsonNode list = attr.path(key).path("list").path("i");
        if (!list.isArray()) {
            throw new IllegalArgumentException(name + " has no int-list attribute " + key);
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.parseInt(list.get(i).asText());
        }
        return values;
    }

    /** An int attribute ({@code i}, stored as a string); {@code fallback} when absent. */
    public int integer(String key, int fallback) {
        JsonNode i = attr.path(key).path("i");
        return i.isMissingNode() ? fallback : Integer.parseInt(i.asText());
    }

    /** A float attribute ({@code f}); {@code fallback} when absent. */
    public float number(String key, float fallback) {
        JsonNode f = attr.path(key).path("f");
        return f.isMissingNode() ? fallback : (float) f.asDouble();
    }

    /** A bool attribute ({@code b}); {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        JsonNode b = attr.path(key).path("b");
        return b.isMissingNode() ? fallback : b.asBoolean();
    }
}
