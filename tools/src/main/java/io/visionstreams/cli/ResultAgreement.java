package io.visionstreams.cli;

import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.detection.Detection;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.segmentation.SegmentationResult;

/**
 * Whether two engines' results on one frame agree, as the reference tests judge it: the same top-1
 * class (scores within 0.02); the same objects in the same order (IoU at least 0.9); at least 99% of
 * mask pixels. Used by {@code doctor}.
 */
record ResultAgreement(boolean agrees, String detail) {

    static ResultAgreement of(Object expected, Object actual) {
        if (expected instanceof ClassificationResult e && actual instanceof ClassificationResult a) {
            double diff = Math.abs(e.topK().get(0).score() - a.topK().get(0).score());
            boolean same = e.topK().get(0).index() == a.topK().get(0).index() && diff <= 0.02;
            return new ResultAgreement(same, String.format("top-1 %s, score diff %.1e", a.topK().get(0).label(), diff));
        }
        if (expected instanceof DetectionResult e && actual instanceof DetectionResult a) {
            boolean same = e.objects().size() == a.objects().size();
            double worst = 1;
            for (int i = 0; same && i < e.objects().size(); i++) {
                Detection x = e.objects().get(i);
                Detection y = a.objects().get(i);
                worst = Math.min(worst, iou(x, y));
                same = x.classId() == y.classId() && iou(x, y) >= 0.9;
            }
            return new ResultAgreement(same, String.format("%d objects, min IoU %.3f", a.objects().size(), worst));
        }
        if (expected instanceof SegmentationResult e && actual instanceof SegmentationResult a) {
            int same = 0;
            for (int i = 0; i < Math.min(e.labels().length, a.labels().length); i++) {
                same += e.labels()[i] == a.labels()[i] ? 1 : 0;
            }
            double share = (double) same / e.labels().length;
            return new ResultAgreement(e.labels().length == a.labels().length && share >= 0.99,
                    String.format("pixel agreement %.4f", share));
        }
        return new ResultAgreement(false, "different result types");
    }

    static String summary(Object result) {
        if (result instanceof ClassificationResult c) {
            return String.format("%s %.3f", c.topK().get(0).label(), c.topK().get(0).score());
        }
        if (result instanceof DetectionResult d) {
            return d.objects().size() + " objects" + (d.objects().isEmpty() ? ""
                    : String.format(", first %s %.3f", d.objects().get(0).label(), d.objects().get(0).score()));
        }
        if (result instanceof SegmentationResult s) {
            return s.classes().isEmpty() ? "empty mask" : String.format("%s %.3f", s.classes().get(0).label(),
                    s.classes().get(0).fraction());
        }
        return String.valueOf(result);
    }

    private static double iou(Detection a, Detection b) {
        double w = Math.max(0, Math.min(a.xMax(), b.xMax()) - Math.max(a.xMin(), b.xMin()));
        double h = Math.max(0, Math.min(a.yMax(), b.yMax()) - Math.max(a.yMin(), b.yMin()));
        double inter = w * h;
        double union = (a.xMax() - a.xMin()) * (a.yMax() - a.yMin()) + (b.xMax() - b.xMin()) * (b.yMax() - b.yMin()) - inter;
        return union <= 0 ? 1 : inter / union;
    }
}
