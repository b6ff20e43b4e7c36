package io.visionstreams.eval;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detections against COCO-style ground truth: {@link CocoEval} over the frames with both, boxes
 * scaled from the results' normalized coordinates to pixels of {@code image_width} × {@code image_height}.
 * Confusions: at IoU ≥ 0.5, an object missed by its own class but overlapped by a detection of another.
 */
public final class DetectionEvaluator {

    private static final double CONFUSION_IOU = 0.5;

    private DetectionEvaluator() {}

    public static TaskEvaluation evaluate(ResultSet results, DetectionGroundTruth truth) {
        Map<String, Detections> detections = results.detections();
        GroundTruthMatch match = truth.match(results.eventIds(), detections.keySet());
        List<CocoEval.Image> images = new ArrayList<>();
        Map<String, List<CocoBox>> truthByEvent = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : match.eventByKey().entrySet()) {
            Detections d = detections.get(e.getValue());
            List<CocoBox> gt = truth.objects(e.getKey(), d.getImageWidth(), d.getImageHeight());
            truthByEvent.put(e.getValue(), gt);
            images.add(new CocoEval.Image(e.getValue(), gt, pixels(d)));
        }
        CocoEval eval = CocoEval.evaluate(images, truth.categories().keySet());

        Map<String, Double> headline = new LinkedHashMap<>();
        headline.put("map", eval.map());
        headline.put("ap50", eval.ap50());
        headline.put("ap75", eval.ap75());
        List<TaskEvaluation.ClassRow> classes = new ArrayList<>();
        List<TaskEvaluation.Curve> curves = new ArrayList<>();
        curves.add(new TaskEvaluation.Curve("all classes", CocoEval.RECALL_THRESHOLDS, eval.meanPrecision50()));
        for (CocoEval.CategoryResult c : eval.categories()) {
            String name = truth.categories().getOrDefault(c.categoryId(), "#" + c.categoryId());
            classes.add(new TaskEvaluation.ClassRow(c.categoryId(), name, c.ap(), c.ap50(), c.objects()));
            curves.add(new TaskEvaluation.Curve(name, CocoEval.RECALL_THRESHOLDS, c.precision50()));
        }
        List<TaskEvaluation.Frame> frames = new ArrayList<>();
        for (CocoEval.Image image : images) {
            CocoEval.ImageCounts n = eval.counts(image.id());
            int denominator = n.truePositives() + n.falsePositives() + n.missed();
            frames.add(new TaskEvaluation.Frame(image.id(),
                    denominator == 0 ? 1 : (double) n.truePositives() / denominator,
                    String.format(Locale.ROOT, "%d matched, %d false, %d missed at IoU 0.5", n.truePositives(),
                            n.falsePositives(), n.missed())));
        }
        Map<Integer, String> names = truth.categories();
        return new TaskEvaluation("detection", results.source(), results.model("detection"), headline, match.missing(),
                detections.size() - images.size(), classes, confusions(images, names), curves, frames,
                results.latenciesMs("detection"),
                id -> truthByEvent.containsKey(id) ? asDetections(id, truthByEvent.get(id), detections.get(id), names)
                        : null, results);
    }

    /** The result's boxes in pixels, as COCO's {@code [x, y, w, h]}. */
    static List<CocoBox> pixels(Detections d) {
        int w = d.getImageWidth();
        int h = d.getImageHeight();
        List<CocoBox> boxes = new ArrayList<>();
        for (DetectedObject o : d.getObjects()) {
            BoundingBox b = o.getBox();
            double x0 = b.getXMin() * (double) w;
            double y0 = b.getYMin() * (double) h;
            boxes.add(CocoBox.detection(o.getClassId(), x0, y0, b.getXMax() * (double) w - x0,
                    b.getYMax() * (double) h - y0, o.getScore()));
        }
        return boxes;
    }

    private static List<TaskEvaluation.Confusion> confusions(List<CocoEval.Image> images, Map<Integer, String> names) {
        Map<String, Long> counts = new HashMap<>();
        Map<Integer, Long> objects = new HashMap<>();
        for (CocoEval.Image image : images) {
            for (CocoBox g : image.truth()) {
                if (g.crowd()) {
                    continue;
                }
                objects.merge(g.categoryId(), 1L, Long::sum);
                boolean found = image.detections().stream()
                        .anyMatch(d -> d.categoryId() == g.categoryId() && g.iou(d) >= CONFUSION_IOU);
                if (found) {
                    continue;
                }
                image.detections().stream().filter(d -> d.categoryId() != g.categoryId())
                        .filter(d -> g.iou(d) >= CONFUSION_IOU).max(Comparator.comparingDouble(CocoBox::score))
                        .ifPresent(d -> counts.merge(g.categoryId() + ">" + d.categoryId(), 1L, Long::sum));
            }
        }
        List<TaskEvaluation.Confusion> out = new ArrayList<>();
        counts.forEach((pair, n) -> {
            int gt = Integer.parseInt(pair.substring(0, pair.indexOf('>')));
            int dt = Integer.parseInt(pair.substring(pair.indexOf('>') + 1));
            out.add(new TaskEvaluation.Confusion(names.getOrDefault(gt, "#" + gt), names.getOrDefault(dt, "#" + dt),
                    n, (double) n / objects.get(gt)));
        });
        out.sort(Comparator.comparingLong(TaskEvaluation.Confusion::count).reversed()
                .thenComparing(TaskEvaluation.Confusion::truth));
        return out;
    }

    /** Ground-truth boxes as a Detections record (score 1), for drawing beside the prediction. */
    private static Detections asDetections(String eventId, List<CocoBox> truth, Detections result,
                                           Map<Integer, String> names) {
        int w = result.getImageWidth();
        int h = result.getImageHeight();
        List<DetectedObject> objects = new ArrayList<>();
        for (CocoBox g : truth) {
            objects.add(new DetectedObject(g.categoryId(), names.getOrDefault(g.categoryId(), "#" + g.categoryId())
                    + (g.crowd() ? " (crowd)" : ""), 1f, new BoundingBox((float) (g.x() / w), (float) (g.y() / h),
                    (float) ((g.x() + g.w()) / w), (float) ((g.y() + g.h()) / h)), null));
        }
        return Detections.newBuilder(result).setEventId(eventId).setObjects(objects)
                .setCapturedAt(Instant.ofEpochMilli(result.getCapturedAt().toEpochMilli())).build();
    }
}
