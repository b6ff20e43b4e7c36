package io.visionstreams.inference.convert.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF.js graph model read from disk: {@code model.json} (the TensorFlow GraphDef as JSON) and the
 * binary weight shards its {@code weightsManifest} names. Each manifest group's shards are
 * concatenated in order and sliced into little-endian tensors in the order the group lists them.
 * Only unquantized float32 and int32 weights are supported (all this project's TF.js model uses).
 */
public final class TfjsGraphModel {

    private final Map<String, TfjsNode> nodes;
    private final Map<String, TfjsTensor> weights;
    private final String sha256;

    private TfjsGraphModel(Map<String, TfjsNode> nodes, Map<String, TfjsTensor> weights, String sha256) {
        this.nodes = nodes;
        this.weights = weights;
        this.sha256 = sha256;
    }

    /** Reads {@code model.json} and the shards beside it. */
    public static TfjsGraphModel read(Path modelJson) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] json = Files.readAllBytes(modelJson);
        digest.update(json);
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, TfjsNode> nodes = new LinkedHashMap<>();
        for (JsonNode n : root.path("modelTopology").path("node")) {
            TfjsNode node = TfjsNode.of(n);
            nodes.put(node.name(), node);
        }
        if (nodes.isEmpty()) {
            throw new IOException(modelJson + " has no modelTopology.node: not a TF.js graph model");
        }
        Map<String, TfjsTensor> weights = new LinkedHashMap<>();
        Path dir = modelJson.toAbsolutePath().getParent();
        for (JsonNode group : root.path("weightsManifest")) {
            ByteBuffer data = readShards(dir, group.path("paths"), digest);
            for (JsonNode w : group.path("weights")) {
                TfjsTensor t = slice(w, data);
                weights.put(t.name(), t);
            }
            if (data.hasRemaining()) {
                throw new IOException("weight shards of " + modelJson + " have " + data.remaining()
                        + " bytes more than the manifest describes");
            }
        }
        return new TfjsGraphModel(nodes, weights, HexFormat.of().formatHex(digest.digest()));
    }

    public TfjsNode node(String name) {
        TfjsNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("the graph has no node " + name);
        }
        return node;
    }

    public boolean hasNode(String name) {
        return nodes.containsKey(name);
    }

    public Map<String, TfjsNode> nodes() {
        return nodes;
    }

    /** The value of a weight (a {@code Const} node's tensor). */
    public TfjsTensor weight(String name) {
        TfjsTensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the weights manifest has no tensor " + name);
        }
        return t;
    }

    public boolean hasWeight(String name) {
        return weights.containsKey(name);
    }

    /** sha256 over {@code model.json} followed by every shard, in manifest order. */
    public String sha256() {
        return sha256;
    }

    private static ByteBuffer readShards(Path dir, JsonNode paths, MessageDigest digest) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode p : paths) {
            Path shard;
            try {
                shard = dir.resolve(p.asText()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("weight shard path '" + p.asText() + "' is not a file name", e);
            }
            if (!shard.startsWith(dir.normalize())) { // a manifest names files beside model.json, nothing else
                throw new IOException("weight shard path '" + p.asText() + "' leaves the model's folder");
            }
            byte[] bytes = Files.readAllBytes(shard);
            digest.update(bytes);
            parts.add(bytes);
            total = Math.addExact(total, bytes.length);
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static TfjsTensor slice(JsonNode w, ByteBuffer data) throws IOException {
        String name = w.path("name").asText();
        if (w.has("quantization")) {
            throw new IOException("weight " + name + " is quantized; only float32/int32 weights are supported");
        }
        int[] shape = new int[w.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = w.path("shape").get(i).asInt();
        }
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        String dtype = w.path("dtype").asText();
        if (data.remaining() < 4L * size) {
            throw new IOException("weight shards end inside tensor " + name);
        }
        switch (dtype) {
            case "float32" -> {
                float[] values = new float[size];
                data.asFloatBuffer().get(values);
                data.position(data.position() + 4 * size);
                return TfjsTensor.ofFloats(name, shape, values);
            }
            case "int32" -> {
                int[] values = new int[size];
                data.asIntBuffer().get(values);
                data.position(data.position() + 4 * size);
                return TfjsTensor.ofInts(name, shape, values);
            }
            default -> throw new IOException("weight " + name + " has unsupported dtype " + dtype);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
