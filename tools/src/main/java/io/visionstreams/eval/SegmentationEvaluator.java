package io.visionstreams.eval;

import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Segmentation label maps against VOC ground truth, with {@link SegmentationMetrics} over the
 * frames with both (intersections and unions summed over the set, 255 ignored). A predicted mask of
 * another size than its ground truth is resized to it (nearest, half-pixel centres), as the
 * reference was scored. Per frame: the image's own mIoU (classes with a union in that image).
 */
public final class SegmentationEvaluator {

    public static final int VOC_CLASSES = 21;

    private SegmentationEvaluator() {}

    public static TaskEvaluation evaluate(ResultSet results, SegmentationGroundTruth truth) throws IOException {
        List<String> names = LabelFile.fromResource("labels/pascal_voc_segmentation_labels.txt");
        Map<String, Segmentation> byEvent = results.segmentations();
        GroundTruthMatch match = truth.match(results.eventIds(), byEvent.keySet());
        SegmentationMetrics set = new SegmentationMetrics(VOC_CLASSES);
        Map<String, String> keyByEvent = new LinkedHashMap<>();
        List<TaskEvaluation.Frame> frames = new ArrayList<>();
        for (Map.Entry<String, String> e : match.eventByKey().entrySet()) {
            LabelMap gt;
            LabelMap predicted;
            SegmentationMetrics one;
            try {
                gt = truth.read(e.getKey());
                predicted = LabelMapPng.decode(Serdes.bytes(byEvent.get(e.getValue()).getMaskPng()))
                        .resizeNearest(gt.width(), gt.height());
                one = new SegmentationMetrics(VOC_CLASSES).add(predicted, gt);
            } catch (IOException | IllegalArgumentException notAMask) {
                if (e.getKey().equals(e.getValue())) {
                    continue; // the image itself, beside the masks: an input, not ground truth
                }
                throw notAMask;
            }
            set.add(predicted, gt);
            keyByEvent.put(e.getValue(), e.getKey());
            frames.add(new TaskEvaluation.Frame(e.getValue(), one.meanIoU(), String.format(Locale.ROOT,
                    "image mIoU %.3f, pixel accuracy %.3f (truth %s)", one.meanIoU(), one.pixelAccuracy(),
                    e.getKey())));
        }
        Map<String, Double> headline = new LinkedHashMap<>();
        headline.put("miou", set.meanIoU());
        headline.put("pixel_accuracy", set.pixelAccuracy());
        double[] iou = set.classIoU();
        long[][] confusion = set.confusionMatrix();
        List<TaskEvaluation.ClassRow> classes = new ArrayList<>();
        List<TaskEvaluation.Confusion> confusions = new ArrayList<>();
        for (int c = 0; c < VOC_CLASSES; c++) {
            long pixels = 0;
            for (long n : confusion[c]) {
                pixels += n;
            }
            if (!Double.isNaN(iou[c])) {
                classes.add(new TaskEvaluation.ClassRow(c, names.get(c), iou[c], Double.NaN, pixels));
            }
            for (int p = 0; p < VOC_CLASSES; p++) {
                if (p != c && confusion[c][p] > 0) {
                    confusions.add(new TaskEvaluation.Confusion(names.get(c), names.get(p), confusion[c][p],
                            (double) confusion[c][p] / pixels));
                }
            }
        }
        confusions.sort(Comparator.comparingLong(TaskEvaluation.Confusion::count).reversed());
        return new TaskEvaluation("segmentation", results.source(), results.model("segmentation"), headline,
                match.missing(), byEvent.size() - frames.size(), classes, confusions, List.of(), frames,
                results.latenciesMs("segmentation"),
                id -> keyByEvent.containsKey(id) ? asSegmentation(byEvent.get(id), truth, keyByEvent.get(id), names)
                        : null, results);
    }

    /** The ground-truth mask as a Segmentation record, for drawing beside the prediction. */
    private static Segmentation asSegmentation(Segmentation result, SegmentationGroundTruth truth, String key,
                                               List<String> names) {
        try {
            LabelMap gt = truth.read(key);
            long[] histogram = gt.histogram();
            List<ClassFraction> classes = new ArrayList<>();
            for (int c = 0; c < VOC_CLASSES; c++) {
                if (histogram[c] > 0) {
                    classes.add(new ClassFraction(c, names.get(c), (float) histogram[c] / gt.labels().length));
                }
            }
            classes.sort(Comparator.comparingDouble(ClassFraction::getFraction).reversed());
            return Segmentation.newBuilder(result).setMaskWidth(gt.width()).setMaskHeight(gt.height())
                    .setMaskPng(ByteBuffer.wrap(LabelMapPng.encode(gt))).setClasses(classes).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
