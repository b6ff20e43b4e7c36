package io.visionstreams.inference.detection;

import io.visionstreams.inference.detection.NonMaxSuppression.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * The post-processing of TFLite's {@code TFLite_Detection_PostProcess} op (TFLite 2.6's
 * {@code detection_postprocess} kernel), run in Java on the converted network's float outputs, with
 * the op's own options ({@link PostProcessOptions}): boxes decoded against the op's centre-size
 * anchors with its scale factors ({@link BoxCoder#of}); then, with {@code use_regular_nms} false
 * (the "fast" NMS), each anchor competes once with its best class (background excluded, first
 * index wins a tie), scores {@code >=} the op's threshold, class-agnostic greedy NMS dropping
 * IoU {@code >} the op's threshold ({@link NonMaxSuppression.Rule#TFLITE}), at most
 * {@code max_detections} anchors, each published with its best {@code max_classes_per_detection}
 * classes; with it true, NMS per class keeping {@code detections_per_class}, then the best
 * {@code max_detections} overall. The op's class index {@code k} (0-based, background removed) is
 * line {@code k + 1} of the model's {@code labelmap.txt}, i.e. COCO category id {@code k + 1}.
 *
 * <p>Publishing, after the op: ids the label map marks unused ({@code ???}) are dropped, and so are
 * scores not above {@code publishThreshold} (the op itself keeps everything above 1e-8), at most
 * {@code maxPublished} objects; each kept box is clipped to the image (the op does not clip).
 * Thread-safe.
 */
public final class TflitePostprocessor implements DetectionPostprocessor {

    private final SsdAnchors anchors;
    private final CocoLabels labels;
    private final PostProcessOptions op;
    private final BoxCoder coder;
    private final int columns;
    private final int labelOffset;
    private final double publishThreshold;
    private final int maxPublished;

    /**
     * @param anchors          the op's anchors (centre-size), with the converted model's row of each
     * @param labels           names by COCO category id (see {@link CocoLabels#fromLabelmap})
     * @param op               the op's options
     * @param columns          score columns per row of the model output (background included)
     * @param publishThreshold publish only scores above this
     * @param maxPublished     publish at most this many objects per frame
     */
    public TflitePostprocessor(SsdAnchors anchors, CocoLabels labels, PostProcessOptions op, int columns,
                               double publishThreshold, int maxPublished) {
        if (anchors.layout() != SsdAnchors.Layout.CENTER_SIZE) {
            throw new IllegalArgumentException("the TFLite op's anchors are centre-size, got " + anchors.layout());
        }
        if (columns - op.numClasses() < 0 || columns - op.numClasses() > 1) { // as the kernel checks
            throw new IllegalArgumentException(columns + " score columns for " + op.numClasses() + " classes");
        }
        if (op.numClasses() > labels.maxId()) {
            throw new IllegalArgumentException(op.numClasses() + " classes but labels up to id " + labels.maxId());
        }
        if (maxPublished < 1) {
            throw new IllegalArgumentException("max published detections must be at least 1, got " + maxPublished);
        }
        this.anchors = anchors;
        this.labels = labels;
        this.op = op;
        this.coder = BoxCoder.of(op);
        this.columns = columns;
        this.labelOffset = columns - op.numClasses();
        this.publishThreshold = publishThreshold;
        this.maxPublished = maxPublished;
    }

    @Override
    public int anchors() {
        return anchors.count();
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public List<Detection> detections(float[] encodings, int encodingsOffset, float[] scores, int scoresOffset) {
        float[] boxes = BoxDecoder.decode(encodings, encodingsOffset, anchors, coder);
        List<Candidate> selected = op.useRegularNms() ? regular(boxes, scores, scoresOffset)
                : fast(boxes, scores, scoresOffset);
        List<Detection> out = new ArrayList<>();
        for (Candidate c : selected) {
            int id = c.classId() + 1; // the op's class index k is labelmap line k + 1
            if (out.size() < maxPublished && c.score() > publishThreshold && labels.isUsed(id)) {
                int b = 4 * c.box();
                out.add(new Detection(id, labels.label(id), c.score(), boxes[b + 1], boxes[b], boxes[b + 3],
                        boxes[b + 2]).clippedToImage());
            }
        }
        return out;
    }

    /** Candidates carry the op's class index (0-based, background removed). */
    private List<Candidate> fast(float[] boxes, float[] scores, int offset) {
        List<Candidate> best = new ArrayList<>();
        for (int a = 0; a < anchors.count(); a++) {
            int row = offset + anchors.row(a) * columns + labelOffset;
            int k = 0;
            for (int c = 1; c < op.numClasses(); c++) {
                if (scores[row + c] > scores[row + k]) {
                    k = c;
                }
            }
            if (scores[row + k] >= op.scoreThreshold()) {
                best.add(new Candidate(a, k, scores[row + k]));
            }
        }
        List<Candidate> kept = NonMaxSuppression.select(boxes, best, op.iouThreshold(), op.maxDetections(),
                NonMaxSuppression.Rule.TFLITE);
        if (op.maxClassesPerDetection() == 1) {
            return kept;
        }
        List<Candidate> out = new ArrayList<>();
        int perAnchor = Math.min(op.maxClassesPerDetection(), op.numClasses());
        for (Candidate c : kept) { // the anchor's best classes, whatever their scores (as the kernel)
            List<Candidate> classes = new ArrayList<>();
            int row = offset + anchors.row(c.box()) * columns + labelOffset;
            for (int k = 0; k < op.numClasses(); k++) {
                classes.add(new Candidate(c.box(), k, scores[row + k]));
            }
            classes.sort(NonMaxSuppression.BY_SCORE);
            out.addAll(classes.subList(0, perAnchor));
        }
        return out;
    }

    private List<Candidate> regular(float[] boxes, float[] scores, int offset) {
        List<Candidate> all = new ArrayList<>();
        List<Candidate> ofClass = new ArrayList<>();
        for (int k = 0; k < op.numClasses(); k++) {
            ofClass.clear();
            for (int a = 0; a < anchors.count(); a++) {
                float s = scores[offset + anchors.row(a) * columns + labelOffset + k];
                if (s >= op.scoreThreshold()) {
                    ofClass.add(new Candidate(a, k, s));
                }
            }
            all.addAll(NonMaxSuppression.select(boxes, ofClass, op.iouThreshold(), op.detectionsPerClass(),
                    NonMaxSuppression.Rule.TFLITE));
        }
        all.sort(NonMaxSuppression.BY_SCORE);
        return all.size() > op.maxDetections() ? all.subList(0, op.maxDetections()) : all;
    }
}
