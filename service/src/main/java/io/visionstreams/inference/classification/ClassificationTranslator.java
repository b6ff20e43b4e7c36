package io.visionstreams.inference.classification;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import io.visionstreams.inference.Translation;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV2 (converted from TFLite) pre- and post-processing for one frame. In: a decoded RGB
 * frame, resized to 224x224 like the reference (OpenCV INTER_LINEAR) and normalized to
 * {@code (x - 128) / 128}, as NCHW float; or, for a graph that normalizes inside
 * ({@code Uint8InputConversion}, what the application loads), the resized frame's bytes as uint8
 * HWC, one bulk copy. Out: the model's 1001 softmax probabilities without
 * index 0 (background), as the top k ImageNet classes with 0-based ImageNet indices.
 */
public final class ClassificationTranslator implements Translator<RgbImage, ClassificationResult> {

    public static final int INPUT_SIZE = 224;
    public static final int DEFAULT_TOP_K = 5;
    static final float ZERO_POINT = 128f;
    static final float SCALE = 1f / 128f;

    /** Serves a catalog classifier: its label file, {@code vision.classification.top-k} classes per frame. */
    public static final Translation<ClassificationResult> TRANSLATION = new Translation<>(ClassificationResult.class,
            (model, converted, config) -> new ClassificationTranslator(LabelFile.fromResource(model.labels()),
                    config.topK(), model.inputSize(), Uint8InputConversion.takesUint8(converted.dir())));

    private final List<String> labels;
    private final int topK;
    private final int inputSize;
    private final boolean uint8Input;

    /**
     * @param labels the model's output labels, index 0 = background (1001 lines of {@code imagenet_labels.txt})
     * @param topK   how many classes a result keeps, at least 1
     */
    public ClassificationTranslator(List<String> labels, int topK) {
        this(labels, topK, INPUT_SIZE);
    }

    /** @param inputSize the square input side of the model ({@code ModelSpec.inputSize()}) */
    public ClassificationTranslator(List<String> labels, int topK, int inputSize) {
        this(labels, topK, inputSize, false);
    }

    /** @param uint8Input the graph takes the frame's uint8 HWC bytes and normalizes itself ({@code Uint8InputConversion}) */
    public ClassificationTranslator(List<String> labels, int topK, int inputSize, boolean uint8Input) {
        if (labels.size() < 2) {
            throw new IllegalArgumentException("need a background label and at least one class, got " + labels.size());
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        this.labels = List.copyOf(labels);
        this.topK = topK;
        this.inputSize = inputSize;
        this.uint8Input = uint8Input;
    }

    /** Reads the labels, one per line, from a file like {@code imagenet_labels.txt}. */
    public static ClassificationTranslator fromLabelFile(Path labelFile, int topK) throws IOException {
        return new ClassificationTranslator(LabelFile.read(labelFile), topK);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage input) {
        RgbImage resized = ImageResize.bilinear(input, inputSize, inputSize);
        return new NDList(ImageTensors.modelInput(ctx.getNDManager(), resized, uint8Input, ZERO_POINT, SCALE));
    }

    @Override
    public ClassificationResult processOutput(TranslatorContext ctx, NDList list) {
        return toResult(list.singletonOrThrow().toFloatArray());
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    /** Top k of the probabilities (index 0 = background, skipped); index in the result = model index - 1. */
    ClassificationResult toResult(float[] probabilities) {
        if (probabilities.length != labels.size()) {
            throw new IllegalArgumentException("model gave " + probabilities.length + " scores for "
                    + labels.size() + " labels");
        }
        List<ClassScore> scores = new ArrayList<>(topK);
        for (int i : TopK.indices(probabilities, 1, topK)) {
            scores.add(new ClassScore(i - 1, labels.get(i), probabilities[i]));
        }
        return new ClassificationResult(scores);
    }
}
