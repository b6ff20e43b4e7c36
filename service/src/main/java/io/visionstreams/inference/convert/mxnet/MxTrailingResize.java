package io.visionstreams.inference.convert.mxnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Takes a graph's final bilinear resize ({@code _contrib_BilinearResize2D}, DeepLab's upsampling of its 21 class
 * logits from 33x33 to 513x513) out of the graph, so that it ends at the low-resolution logits and the caller
 * upsamples only what the argmax needs ({@code segmentation.BilinearArgmax}): the resize was 40% of DeepLab's
 * forward and its 22 MB output per frame another 20 core-ms of argmax. Works on single-output graphs.
 */
public final class MxTrailingResize {

    /** What was removed: the output size, and whether corners were aligned ({@code align_corners}). */
    public record Resize(int height, int width, boolean alignCorners) {

        /** The marker text: {@code bilinear <height> <width> align_corners|half_pixel}. */
        public String marker() {
            return "bilinear " + height + " " + width + " " + (alignCorners ? "align_corners" : "half_pixel");
        }

        public static Optional<Resize> fromMarker(String text) {
            String[] f = text.trim().split("\\s+");
            if (f.length != 4 || !f[0].equals("bilinear")) {
                return Optional.empty();
            }
            return Optional.of(new Resize(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3].equals("align_corners")));
        }
    }

    /** The rewritten graph, and the resize taken out (empty, with the graph unchanged, where it ends otherwise). */
    public record Result(String symbolJson, Optional<Resize> removed) {}

    private MxTrailingResize() {}

    public static Result strip(String symbolJson) throws IOException {
        ObjectNode root = MxSymbolJson.readSingleOutputNodes(symbolJson);
        ArrayNode nodes = (ArrayNode) root.get("nodes");
        ArrayNode heads = (ArrayNode) root.get("heads");
        int last = nodes.size() - 1;
        JsonNode node = nodes.get(last);
        if (heads.size() != 1 || heads.get(0).get(0).asInt() != last
                || !node.get("op").asText().equals("_contrib_BilinearResize2D")) {
            return new Result(symbolJson, Optional.empty());
        }
        JsonNode attrs = node.get("attrs");
        if (!"size".equals(attrs.path("mode").asText("size")) || !attrs.has("height") || !attrs.has("width")) {
            return new Result(symbolJson, Optional.empty());
        }
        Resize resize = new Resize(attrs.get("height").asInt(), attrs.get("width").asInt(),
                Boolean.parseBoolean(attrs.path("align_corners").asText("true").toLowerCase(java.util.Locale.ROOT)));
        int input = node.get("inputs").get(0).get(0).asInt();
        nodes.remove(last);
        heads.set(0, MxSymbolJson.JSON.createArrayNode().add(input).add(0).add(0));
        root.set("node_row_ptr", MxSymbolJson.rowPointers(nodes.size()));
        return new Result(MxSymbolJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), Optional.of(resize));
    }
}
