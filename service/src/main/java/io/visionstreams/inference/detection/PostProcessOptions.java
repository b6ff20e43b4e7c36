package io.visionstreams.inference.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of a model's own {@code TFLite_Detection_PostProcess} op, as the file stores them (its
 * custom options) and as TFLite's kernel reads them. Stored beside the converted model as
 * {@code <name>-postprocess.json}, keys named as in the op.
 *
 * @param maxDetections          at most this many detections per frame
 * @param maxClassesPerDetection fast NMS: classes published per kept anchor (best first)
 * @param detectionsPerClass     regular NMS: boxes kept per class before the overall cut (kernel default 100)
 * @param scoreThreshold         keep a score {@code >=} this ({@code nms_score_threshold})
 * @param iouThreshold           suppress a box whose IoU with a kept one is {@code >} this ({@code nms_iou_threshold})
 * @param numClasses             classes without the background column
 * @param useRegularNms          false: class-agnostic fast NMS on each anchor's best class; true: per-class NMS
 * @param yScale                 box coder scale of {@code ty} (10 for TF's SSD configs)
 * @param xScale                 of {@code tx}
 * @param hScale                 of {@code th} (5)
 * @param wScale                 of {@code tw}
 */
public record PostProcessOptions(int maxDetections, int maxClassesPerDetection, int detectionsPerClass,
                                 float scoreThreshold, float iouThreshold, int numClasses, boolean useRegularNms,
                                 float yScale, float xScale, float hScale, float wScale) {

    /** What TFLite's kernel uses when the op leaves {@code detections_per_class} out. */
    public static final int DEFAULT_DETECTIONS_PER_CLASS = 100;

    public PostProcessOptions {
        if (maxDetections < 1 || maxClassesPerDetection < 1 || detectionsPerClass < 1 || numClasses < 1) {
            throw new IllegalArgumentException("post-processing counts must be positive: max_detections "
                    + maxDetections + ", max_classes_per_detection " + maxClassesPerDetection
                    + ", detections_per_class " + detectionsPerClass + ", num_classes " + numClasses);
        }
        if (!(iouThreshold > 0 && iouThreshold <= 1)) { // the kernel refuses the same values
            throw new IllegalArgumentException("nms_iou_threshold must be in (0, 1], got " + iouThreshold);
        }
        if (yScale == 0 || xScale == 0 || hScale == 0 || wScale == 0) {
            throw new IllegalArgumentException("box coder scales must not be 0");
        }
    }

    /** Where the options of converted model {@code name} live in {@code dir}. */
    public static Path file(Path dir, String name) {
        return dir.resolve(name + "-postprocess.json");
    }

    public void write(Path file, String source) throws IOException {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("op", "TFLite_Detection_PostProcess");
        root.put("source", source);
        root.put("max_detections", maxDetections);
        root.put("max_classes_per_detection", maxClassesPerDetection);
        root.put("detections_per_class", detectionsPerClass);
        root.put("nms_score_threshold", scoreThreshold);
        root.put("nms_iou_threshold", iouThreshold);
        root.put("num_classes", numClasses);
        root.put("use_regular_nms", useRegularNms);
        root.put("y_scale", yScale);
        root.put("x_scale", xScale);
        root.put("h_scale", hScale);
        root.put("w_scale", wScale);
        Files.writeString(file, root.toPrettyString() + "\n");
    }

    public static PostProcessOptions read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        try {
            return new PostProcessOptions(required(n, "max_detections", file).asInt(),
                    required(n, "max_classes_per_detection", file).asInt(),
                    required(n, "detections_per_class", file).asInt(),
                    (float) required(n, "nms_score_threshold", file).asDouble(),
                    (float) required(n, "nms_iou_threshold", file).asDouble(),
                    required(n, "num_classes", file).asInt(), required(n, "use_regular_nms", file).asBoolean(),
                    (float) required(n, "y_scale", file).asDouble(), (float) required(n, "x_scale", file).asDouble(),
                    (float) required(n, "h_scale", file).asDouble(), (float) required(n, "w_scale", file).asDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String key, Path file) throws IOException {
        if (!n.hasNonNull(key)) {
            throw new IOException(file + " has no " + key);
        }
        return n.get(key);
    }
}
