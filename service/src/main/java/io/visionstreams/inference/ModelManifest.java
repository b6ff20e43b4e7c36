package io.visionstreams.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.inference.convert.mxnet.MxTrailingResize;
import io.visionstreams.inference.convert.tflite.Int8Conversion;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import io.visionstreams.inference.detection.PostProcessOptions;
import io.visionstreams.inference.detection.SsdAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a converted model is, in one file beside it ({@value #FILE}), as Triton's {@code config.pbtxt}
 * says it for a Triton model: format ({@code mxnet-symbol}, {@code onnx}), precision, the input (name,
 * dtype, layout, shape, where the normalization happens), the outputs, the post-processing
 * parameters (SSD anchors with their row map, the detection op's NMS options, the label resource),
 * the source's sha256 and every converted file's sha256. The translators read it instead of files
 * beside the model; the conversion cache writes it once a conversion is complete.
 */
public final class ModelManifest {

    public static final String FILE = "manifest.json";

    private final JsonNode root;

    private ModelManifest(JsonNode root) {
        this.root = root;
    }

    /** The manifest of a converted folder. */
    public static ModelManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " has no " + FILE + " (converted by an older version: delete the folder)");
        }
        return new ModelManifest(SsdAnchors.EXACT.readTree(file.toFile()));
    }

    /**
     * Describes the conversion in {@code dir} and writes {@value #FILE}; the loose companion files the
     * converters wrote (anchors, NMS options, input marker) move into it and are removed.
     */
    public static ModelManifest write(Path dir, ModelSpec spec, String format, String converter, String sourceSha256)
            throws IOException {
        ObjectNode m = SsdAnchors.EXACT.createObjectNode();
        m.put("name", spec.name()).put("task", spec.task().configName()).put("format", format)
                .put("precision", Int8Conversion.isInt8(dir) ? "int8" : "fp32").put("converter", converter);
        boolean uint8 = Uint8InputConversion.takesUint8(dir);
        int s = spec.inputSize();
        ObjectNode input = m.putArray("inputs").addObject().put("name", "data").put("dtype", uint8 ? "uint8" : "float32")
                .put("layout", uint8 ? "NHWC" : "NCHW")
                .put("normalization", uint8 ? "in the graph (the TFLite input's scale and zero point)" : "by the translator");
        ArrayNode shape = input.putArray("shape");
        (uint8 ? List.of(-1, s, s, 3) : List.of(-1, 3, s, s)).forEach(shape::add);
        ArrayNode outputs = m.putArray("outputs");
        if (spec.task() == VisionTask.SEGMENTATION && format.equals("onnx")) {
            outputs.addObject().put("name", "labels").put("dtype", "uint8").put("layout", "NHW");
        } else {
            outputs.addObject().put("name", "heads").put("dtype", "float32").put("layout", "as the converter documents");
        }
        ObjectNode post = m.putObject("postprocess").put("labels", spec.labels());
        Path anchors = SsdAnchors.file(dir, spec.name());
        if (Files.exists(anchors)) {
            post.set("anchors", SsdAnchors.EXACT.readTree(anchors.toFile()));
        }
        Path nms = PostProcessOptions.file(dir, spec.name());
        if (Files.exists(nms)) {
            post.set("nms", SsdAnchors.EXACT.readTree(nms.toFile()));
        }
        Optional<MxTrailingResize.Resize> resize = Uint8InputConversion.outputResize(dir);
        if (resize.isPresent() && format.equals("mxnet-symbol")) { // the ONNX graph keeps its resize (OnnxEmitter)
            post.putObject("output_resize").put("height", resize.get().height()).put("width", resize.get().width())
                    .put("align_corners", resize.get().alignCorners());
        }
        for (Path companion : List.of(anchors, nms, dir.resolve(Uint8InputConversion.MARKER),
                dir.resolve(Uint8InputConversion.RESIZE_MARKER))) {
            Files.deleteIfExists(companion);
        }
        m.putObject("source").put("file", spec.mainFile().name()).put("sha256", sourceSha256);
        ObjectNode files = m.putObject("converted");
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(f.getFileName().toString(), sha256(f));
            }
        }
        Files.writeString(dir.resolve(FILE), m.toPrettyString() + "\n");
        return new ModelManifest(m);
    }

    public String format() {
        return root.path("format").asText();
    }

    public String precision() {
        return root.path("precision").asText();
    }

    /** Whether the graph takes the frame's uint8 NHWC bytes (normalizing inside). */
    public boolean takesUint8() {
        return root.path("inputs").path(0).path("dtype").asText().equals("uint8");
    }

    /** The bilinear resize the graph's class scores still need (MXNet graphs that end before it), if any. */
    public Optional<MxTrailingResize.Resize> outputResize() {
        JsonNode r = root.path("postprocess").path("output_resize");
        return r.isMissingNode() ? Optional.empty() : Optional.of(new MxTrailingResize.Resize(r.path("height").asInt(),
                r.path("width").asInt(), r.path("align_corners").asBoolean()));
    }

    /** The SSD anchors (with their row map) of a detector. */
    public SsdAnchors anchors() throws IOException {
        JsonNode anchors = root.path("postprocess").path("anchors");
        if (anchors.isMissingNode()) {
            throw new IOException(root.path("name").asText() + "'s manifest has no anchors");
        }
        return SsdAnchors.fromJson(anchors, FILE + " postprocess.anchors");
    }

    /** The options of the detection op a TFLite detector ended in. */
    public PostProcessOptions postProcessOptions() throws IOException {
        JsonNode nms = root.path("postprocess").path("nms");
        if (nms.isMissingNode()) {
            throw new IOException(root.path("name").asText() + "'s manifest has no NMS options");
        }
        return PostProcessOptions.fromJson(nms, FILE + " postprocess.nms");
    }

    /** The converted file name to its sha256, as written. */
    public JsonNode convertedFiles() {
        return root.path("converted");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
