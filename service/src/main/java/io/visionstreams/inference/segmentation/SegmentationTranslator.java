package io.visionstreams.inference.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.convert.mxnet.MxTrailingResize;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import io.visionstreams.inference.Translation;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * DeepLabv3 (converted from TFLite) pre- and post-processing for one frame. In: a decoded RGB
 * frame, resized to 513x513 (OpenCV INTER_LINEAR) and normalized to {@code (x - 128) / 128}, NCHW
 * float; or, for a graph that normalizes inside ({@code Uint8InputConversion}, what the application
 * loads), the resized frame's bytes as uint8 HWC. Out: the argmax of the model's class logits {@code [21, 513, 513]} (computed by MXNet: copying
 * the logits to Java costs more than the argmax), as a label map at the frame's own resolution with
 * per-class pixel fractions, largest first.
 */
public final class SegmentationTranslator implements Translator<RgbImage, SegmentationResult> {

    public static final int INPUT_SIZE = 513;
    private static final float ZERO_POINT = 128f;
    private static final float SCALE = 1f / 128f;
    /** Frame sizes in input order: one context serves every frame of a batch. */
    private static final String FRAME_SIZES = SegmentationTranslator.class.getName() + ".frameSizes";

    /** Serves a catalog segmenter: its label file. */
    public static final Translation<SegmentationResult> TRANSLATION = new Translation<>(SegmentationResult.class,
            (model, converted, config) -> new SegmentationTranslator(LabelFile.fromResource(model.labels()),
                    model.inputSize(), Uint8InputConversion.takesUint8(converted.dir()))
                    .withOutputResize(Uint8InputConversion.outputResize(converted.dir()).orElse(null)));

    private final List<String> labels;
    private final int inputSize;
    private final boolean uint8Input;
    /** The bilinear resize taken out of the graph, which the argmax applies ({@link BilinearArgmax}); null: none. */
    private final MxTrailingResize.Resize outputResize;

    /** @param labels class names by index ({@code pascal_voc_segmentation_labels.txt}: 21, background first) */
    public SegmentationTranslator(List<String> labels) {
        this(labels, INPUT_SIZE);
    }

    /** @param inputSize the square input side of the model ({@code ModelSpec.inputSize()}) */
    public SegmentationTranslator(List<String> labels, int inputSize) {
        this(labels, inputSize, false);
    }

    /** @param uint8Input the graph takes the frame's uint8 HWC bytes and normalizes itself ({@code Uint8InputConversion}) */
    public SegmentationTranslator(List<String> labels, int inputSize, boolean uint8Input) {
        this(labels, inputSize, uint8Input, null);
    }

    private SegmentationTranslator(List<String> labels, int inputSize, boolean uint8Input,
                                   MxTrailingResize.Resize outputResize) {
        if (labels.isEmpty() || labels.size() > 256) {
            throw new IllegalArgumentException("need 1 to 256 class labels, got " + labels.size());
        }
        this.labels = List.copyOf(labels);
        this.inputSize = inputSize;
        this.uint8Input = uint8Input;
        this.outputResize = outputResize;
    }

    /** This translator for a graph whose final bilinear resize was taken out (null: none was). */
    public SegmentationTranslator withOutputResize(MxTrailingResize.Resize resize) {
        return new SegmentationTranslator(labels, inputSize, uint8Input, resize);
    }

    public static SegmentationTranslator fromLabelFile(Path labelFile) throws IOException {
        return new SegmentationTranslator(LabelFile.read(labelFile));
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage input) {
        frameSizes(ctx).addLast(new int[] {input.originalWidth(), input.originalHeight()}); // masks at the size sent
        RgbImage resized = ImageResize.bilinear(input, inputSize, inputSize);
        return new NDList(ImageTensors.modelInput(ctx.getNDManager(), resized, uint8Input, ZERO_POINT, SCALE));
    }

    @Override
    public SegmentationResult processOutput(TranslatorContext ctx, NDList list) {
        return labelMaps(ctx, list.singletonOrThrow().expandDims(0)).get(0);
    }

    /**
     * Takes the argmax over the whole batch before splitting it: DJL's STACK unbatchify copies each
     * frame's 22 MB of logits (about 70 ms a frame here), the argmax result is 21 times smaller.
     */
    @Override
    public List<SegmentationResult> batchProcessOutput(TranslatorContext ctx, NDList list) {
        return labelMaps(ctx, list.singletonOrThrow());
    }

    private List<SegmentationResult> labelMaps(TranslatorContext ctx, NDArray logits) {
        Shape shape = logits.getShape(); // [batch, classes, height, width]
        if (shape.dimension() != 4 || shape.get(1) != labels.size()) {
            throw new IllegalArgumentException("model gave logits " + shape + " for " + labels.size() + " labels");
        }
        int n = (int) shape.get(0);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        if (outputResize != null && (h != outputResize.height() || w != outputResize.width())) {
            return upsampledLabelMaps(ctx, logits.toFloatArray(), n, h, w);
        }
        byte[] argmax = logits.argMax(1).toType(DataType.UINT8, false).toByteArray();
        List<SegmentationResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] map = Arrays.copyOfRange(argmax, i * w * h, (i + 1) * w * h);
            int[] frame = frameSizes(ctx).pollFirst();
            results.add(toResult(new LabelMap(w, h, map), frame == null ? w : frame[0], frame == null ? h : frame[1]));
        }
        return results;
    }

    /** Low-resolution logits: the argmax of their bilinear upsampling, without the upsampled logits. */
    private List<SegmentationResult> upsampledLabelMaps(TranslatorContext ctx, float[] logits, int n, int h, int w) {
        int outH = outputResize.height();
        int outW = outputResize.width();
        List<SegmentationResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] map = BilinearArgmax.labels(logits, i, labels.size(), h, w, outH, outW, outputResize.alignCorners());
            int[] frame = frameSizes(ctx).pollFirst();
            results.add(toResult(new LabelMap(outW, outH, map), frame == null ? outW : frame[0],
                    frame == null ? outH : frame[1]));
        }
        return results;
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    /**
     * The model-resolution label map brought to the frame's size, with class fractions. The label map
     * is upsampled, not the logits: that is what the reference scored, and it is 21 times less data.
     */
    SegmentationResult toResult(LabelMap atModel, int width, int height) {
        LabelMap map = atModel.resizeNearest(width, height);
        long[] counts = map.histogram();
        List<ClassFraction> classes = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                if (c >= labels.size()) {
                    throw new IllegalArgumentException("label map has class " + c + " beyond " + labels.size() + " labels");
                }
                classes.add(new ClassFraction(c, labels.get(c), (float) ((double) counts[c] / map.labels().length)));
            }
        }
        // largest first; the sort is stable, so equal fractions keep the lower class index first
        classes.sort((a, b) -> Float.compare(b.fraction(), a.fraction()));
        return new SegmentationResult(map.width(), map.height(), map.labels(), classes);
    }

    @SuppressWarnings("unchecked")
    private static Deque<int[]> frameSizes(TranslatorContext ctx) {
        Object sizes = ctx.getAttachment(FRAME_SIZES);
        if (sizes == null) {
            sizes = new ArrayDeque<int[]>();
            ctx.setAttachment(FRAME_SIZES, sizes);
        }
        return (Deque<int[]>) sizes;
    }
}
