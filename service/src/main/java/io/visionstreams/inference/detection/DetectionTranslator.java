package io.visionstreams.inference.detection;

import io.visionstreams.inference.DetectionSettings;
import io.visionstreams.inference.InferenceSettings;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.Translation;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL translator for a converted SSD COCO detector: a decoded RGB frame in, its
 * {@link DetectionResult} out. Before the model: the model's resize and normalization
 * ({@link DetectorInput}); frames are stacked into one {@code [N, 3, S, S]} batch. After: box
 * decoding, score threshold, non-maximum suppression and COCO labels ({@link DetectionPostprocessor}):
 * for SSDLite-MobileNetV2, TF.js's bilinear resize to 300x300 and {@code x * 0.007843138f - 1f}
 * ({@link SsdImageInput}), then {@link SsdPostprocessor} with configured settings; for models that
 * carry TFLite's post-processing op, {@link TflitePostprocessor} ({@link TfliteOpTranslation}).
 *
 * <p>Defaults ({@link DetectionOptions#DEFAULTS}): score above 0.3, per-class NMS at IoU 0.6,
 * at most 100 objects. Per-class NMS at 0.6 and 100 objects is the model's own training pipeline
 * (what its mAP was measured with), so overlapping objects of different classes — a person on a
 * horse — both survive; 0.3 is what the coco-ssd runtime publishes, where the pipeline's 1e-8 would
 * put dozens of junk boxes per frame on the topic. On the five COCO reference images the defaults
 * publish 10 objects, all correct (recall 10/15), where coco-ssd's class-agnostic IoU 0.3 drops
 * a person under an umbrella and a plant in a vase (7 objects, recall 7/15).
 * {@link DetectionOptions#COCO_SSD} reproduces the coco-ssd JavaScript runtime exactly.
 * Thread-safe (all per-call state lives in the {@link TranslatorContext}).
 */
public final class DetectionTranslator implements Translator<RgbImage, DetectionResult> {

    /** Network input side in pixels. */
    public static final int INPUT_SIZE = 300;

    private static final String SIZES = "vision.detection.imageSizes";

    /**
     * SSDLite: serves a catalog SSD converted with its anchors file beside it, with the
     * {@code vision.detection.*} options.
     */
    public static final Translation<DetectionResult> TRANSLATION = new Translation<>(DetectionResult.class,
            (model, converted, config) -> {
                DetectionSettings d = config.detection();
                return new DetectionTranslator(SsdAnchors.read(SsdAnchors.file(converted.dir(), converted.name())),
                        new CocoLabels(LabelFile.fromResource(model.labels())),
                        new DetectionOptions(d.scoreThreshold(), d.iouThreshold(), d.maxDetections(), false),
                        model.inputSize());
            });

    private final DetectionPostprocessor post;
    private final DetectorInput input;
    private final int anchors;
    private final int columns;
    private final int inputSize;

    /** SSDLite: TF.js's resize to 300x300, {@link SsdPostprocessor} with {@code options}. */
    public DetectionTranslator(SsdAnchors anchors, CocoLabels labels, DetectionOptions options) {
        this(anchors, labels, options, INPUT_SIZE);
    }

    /** @param inputSize the square input side of the model ({@code ModelSpec.inputSize()}) */
    public DetectionTranslator(SsdAnchors anchors, CocoLabels labels, DetectionOptions options, int inputSize) {
        this(new SsdPostprocessor(anchors, labels, options), DetectorInput.TFJS_GRAPH, inputSize);
    }

    /**
     * @param post      raw outputs to detections
     * @param input     frame to network input
     * @param inputSize the network's square input side
     */
    public DetectionTranslator(DetectionPostprocessor post, DetectorInput input, int inputSize) {
        this.post = post;
        this.input = input;
        this.inputSize = inputSize;
        this.anchors = post.anchors();
        this.columns = post.columns();
    }

    /** For a model converted into {@code modelDir} as {@code name}, with its anchors file beside it. */
    public static DetectionTranslator forModel(Path modelDir, String name, Path labelsFile, DetectionOptions options)
            throws IOException {
        return new DetectionTranslator(SsdAnchors.read(SsdAnchors.file(modelDir, name)), CocoLabels.read(labelsFile),
                options);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    @Override
    @SuppressWarnings("unchecked")
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        // one context per predict/batchPredict call: the frame sizes travel with it to the output side
        List<int[]> sizes = (List<int[]>) ctx.getAttachment(SIZES);
        if (sizes == null) {
            sizes = new ArrayList<>();
            ctx.setAttachment(SIZES, sizes);
        }
        sizes.add(new int[] {image.width(), image.height()});
        float[] chw = input.chw(image, inputSize);
        return new NDList(ctx.getNDManager().create(chw, new Shape(3, inputSize, inputSize)));
    }

    /** The whole batch at once: two reads from the engine instead of two per frame. */
    @Override
    public List<DetectionResult> batchProcessOutput(TranslatorContext ctx, NDList output) {
        List<int[]> sizes = sizes(ctx);
        checkShape(output.get(0), sizes.size(), 4);
        checkShape(output.get(1), sizes.size(), columns);
        float[] encodings = output.get(0).toFloatArray();
        float[] scores = output.get(1).toFloatArray();
        List<DetectionResult> results = new ArrayList<>(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            List<Detection> objects = post.detections(encodings, i * anchors * 4, scores, i * anchors * columns);
            results.add(new DetectionResult(sizes.get(i)[0], sizes.get(i)[1], objects));
        }
        return results;
    }

    /** One un-batched frame ({@code [anchors, 4]}, {@code [anchors, columns]}), for callers without a batchifier. */
    @Override
    public DetectionResult processOutput(TranslatorContext ctx, NDList output) {
        List<int[]> sizes = sizes(ctx);
        if (sizes.size() != 1) {
            throw new IllegalStateException("processOutput handles one frame; this call had " + sizes.size());
        }
        NDList batched = new NDList(output.get(0).expandDims(0), output.get(1).expandDims(0));
        return batchProcessOutput(ctx, batched).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<int[]> sizes(TranslatorContext ctx) {
        List<int[]> sizes = (List<int[]>) ctx.getAttachment(SIZES);
        if (sizes == null) {
            throw new IllegalStateException("no frame sizes in the context: processInput did not run");
        }
        return sizes;
    }

    private void checkShape(NDArray array, int batch, int last) {
        Shape expected = new Shape(batch, anchors, last);
        if (!array.getShape().equals(expected)) {
            throw new IllegalStateException("detector output " + array.getShape() + ", expected " + expected);
        }
    }
}
