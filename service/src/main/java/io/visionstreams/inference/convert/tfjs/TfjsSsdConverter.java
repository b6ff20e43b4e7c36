package io.visionstreams.inference.convert.tfjs;

import io.visionstreams.inference.convert.mxnet.MxGraph;
import io.visionstreams.inference.detection.SsdAnchors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts TF's SSDLite-MobileNetV2 COCO detector, as a TF.js graph model ({@code model.json} + weight
 * shards), into MXNet's format, deterministically (same input, same bytes).
 *
 * <p>Converted: the network from {@code Preprocessor/sub} (the normalized image) to the raw box
 * encodings and class scores; the resize, the normalization and the whole postprocessor are left
 * to the caller (see {@code DetectionTranslator}). Written into {@code outDir}:
 * <ul>
 *   <li>{@code <name>-symbol.json}, {@code <name>-0000.params}. Input {@code data}: float32 NCHW
 *       {@code [N, 3, 300, 300]}, RGB, {@code pixel * 0.007843138f - 1f} after TF.js's bilinear resize.
 *       Output 0 {@code Squeeze}: box encodings {@code [N, 1917, 4]} as {@code (ty, tx, th, tw)}.
 *       Output 1 {@code Postprocessor/convert_scores}: sigmoid class scores {@code [N, 1917, 91]},
 *       column 0 = background, column c = COCO category id c. Row {@code anchors.row(i)} of both
 *       outputs belongs to TF's anchor {@code i}.</li>
 *   <li>{@code <name>-anchors.json}: the graph's anchor constant {@code Postprocessor/ExpandDims}
 *       in TF's order, with the output row of each anchor (see {@link SsdAnchors}).</li>
 * </ul>
 * Inside, the input is flipped once on both spatial axes and every kernel rotated 180° (DESIGN.md
 * §3), so TF's uneven SAME padding needs no {@code Pad} op. The heads' rows therefore come out in
 * mirrored cell order; rather than a {@code take} per output in the graph (measured 0.5–1.5 ms of
 * about 20 ms per image), the 1917-entry row map goes into the anchors file and the Java side
 * reads each anchor's row through it, for free.
 */
public final class TfjsSsdConverter {

    public static final String INPUT = "data";
    public static final int INPUT_SIZE = 300;
    static final String INPUT_NODE = "Preprocessor/sub";
    static final String BOXES_NODE = "Squeeze";
    static final String SCORES_NODE = "Postprocessor/convert_scores";
    static final String ANCHORS_NODE = "Postprocessor/ExpandDims";

    private static final Logger LOG = LoggerFactory.getLogger(TfjsSsdConverter.class);

    /** What a conversion wrote and read. */
    public record Result(Path symbolFile, Path paramsFile, Path anchorsFile, String sourceSha256, int anchors,
                         int mxNodes, int flippedUnevenPads) {}

    private TfjsSsdConverter() {}

    public static Result convert(Path modelJson, Path outDir, String name) throws IOException {
        long start = System.nanoTime();
        TfjsGraphModel tf = TfjsGraphModel.read(modelJson);
        MxGraph mx = new MxGraph();
        MxGraph.Ref data = mx.input(INPUT);
        // the only spatial flip of the input: everything after works on the mirrored image
        Value.Feature input = new Value.Feature(mx.reverse(INPUT + "/flip", data, 2, 3), 3, INPUT_SIZE, INPUT_SIZE);
        GraphLowering lowering = new GraphLowering(tf, mx, INPUT_NODE, input, List.of(BOXES_NODE, SCORES_NODE));
        Value.Flat boxes = lowering.output(BOXES_NODE);
        Value.Flat scores = lowering.output(SCORES_NODE);
        if (!Arrays.equals(boxes.rows(), scores.rows())) {
            throw new IllegalStateException("box and score rows are in different orders");
        }

        TfjsTensor anchorTensor = tf.weight(ANCHORS_NODE);
        int[] s = anchorTensor.shape();
        if (s.length != 3 || s[0] != 1 || s[2] != 4 || s[1] != boxes.itemShape()[0]) {
            throw new IOException(ANCHORS_NODE + " should be [1, " + boxes.itemShape()[0] + ", 4]");
        }
        // the flipped network's rows stay where they are; the anchors file says where each anchor is
        SsdAnchors anchors = new SsdAnchors(anchorTensor.floatValues(), boxes.rows());

        Files.createDirectories(outDir);
        mx.save(outDir, name, boxes.ref(), scores.ref());
        Path anchorsFile = SsdAnchors.file(outDir, name);
        anchors.write(anchorsFile, modelJson.getFileName() + " sha256:" + tf.sha256() + " " + ANCHORS_NODE);
        Result result = new Result(outDir.resolve(name + "-symbol.json"), outDir.resolve(name + "-0000.params"),
                anchorsFile, tf.sha256(), anchors.count(), mx.nodeCount(), lowering.unevenPads());
        LOG.info("converted {} to {} in {} ms: {} MXNet nodes, {} parameters, {} anchors, {} uneven SAME pads flipped",
                modelJson, outDir.resolve(name), (System.nanoTime() - start) / 1_000_000, mx.nodeCount(),
                mx.params().size(), anchors.count(), lowering.unevenPads());
        return result;
    }
}
