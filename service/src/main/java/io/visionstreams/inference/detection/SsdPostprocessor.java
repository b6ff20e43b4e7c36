package io.visionstreams.inference.detection;

import io.visionstreams.inference.detection.NonMaxSuppression.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame's raw SSD outputs in (box encodings {@code [anchors, 4]}, sigmoid scores
 * {@code [anchors, 1 + classes]} with column 0 = background; anchor i in row
 * {@link SsdAnchors#row(int)}), detections out: boxes decoded against
 * the anchors, scores thresholded, non-maximum suppression per class (or class-agnostic, see
 * {@link DetectionOptions}), ids mapped to COCO labels. Boxes stay normalized to [0,1] of the
 * network input, which is the whole original image; suppression runs on the decoded boxes, as the
 * reference's, and only then is each kept box clipped to the image (the reference does not clip).
 * Thread-safe.
 */
public final class SsdPostprocessor implements DetectionPostprocessor {

    private final SsdAnchors anchors;
    private final CocoLabels labels;
    private final DetectionOptions options;

    public SsdPostprocessor(SsdAnchors anchors, CocoLabels labels, DetectionOptions options) {
        this.anchors = anchors;
        this.labels = labels;
        this.options = options;
    }

    @Override
    public int anchors() {
        return anchors.count();
    }

    @Override
    public int columns() {
        return labels.maxId() + 1;
    }

    /**
     * @param encodings    {@code (ty, tx, th, tw)} per anchor, from {@code encodingsOffset}
     * @param scores       {@code labels.maxId() + 1} per anchor, from {@code scoresOffset}
     * @return detections, highest score first
     */
    @Override
    public List<Detection> detections(float[] encodings, int encodingsOffset, float[] scores, int scoresOffset) {
        float[] boxes = BoxDecoder.decode(encodings, encodingsOffset, anchors);
        List<Candidate> kept = options.classAgnostic()
                ? NonMaxSuppression.select(boxes, bestClassCandidates(scores, scoresOffset),
                        options.iouThreshold(), options.maxDetections())
                : perClass(boxes, scores, scoresOffset);
        List<Detection> out = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            int b = 4 * c.box();
            out.add(new Detection(c.classId(), labels.label(c.classId()), c.score(),
                    boxes[b + 1], boxes[b], boxes[b + 3], boxes[b + 2]).clippedToImage());
        }
        return out;
    }

    private List<Candidate> perClass(float[] boxes, float[] scores, int offset) {
        int columns = labels.maxId() + 1;
        List<Candidate> all = new ArrayList<>();
        List<Candidate> ofClass = new ArrayList<>();
        for (int id = 1; id < columns; id++) {
            if (!labels.isUsed(id)) {
                continue;
            }
            ofClass.clear();
            for (int a = 0; a < anchors.count(); a++) {
                float s = scores[offset + anchors.row(a) * columns + id];
                if (s > options.scoreThreshold()) {
                    ofClass.add(new Candidate(a, id, s));
                }
            }
            all.addAll(NonMaxSuppression.select(boxes, ofClass, options.iouThreshold(), options.maxDetections()));
        }
        all.sort(NonMaxSuppression.BY_SCORE);
        return all.size() > options.maxDetections() ? all.subList(0, options.maxDetections()) : all;
    }

    /** Each anchor once, with its best used class (first wins a tie), if that beats the threshold. */
    private List<Candidate> bestClassCandidates(float[] scores, int offset) {
        int columns = labels.maxId() + 1;
        List<Candidate> out = new ArrayList<>();
        for (int a = 0; a < anchors.count(); a++) {
            int row = offset + anchors.row(a) * columns;
            int best = -1;
            float max = Float.NEGATIVE_INFINITY;
            for (int id = 1; id < columns; id++) {
                float s = scores[row + id];
                if (s > max && labels.isUsed(id)) {
                    max = s;
                    best = id;
                }
            }
            if (best > 0 && max > options.scoreThreshold()) {
                out.add(new Candidate(a, best, max));
            }
        }
        return out;
    }
}
