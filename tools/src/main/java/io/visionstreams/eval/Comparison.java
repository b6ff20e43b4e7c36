package io.visionstreams.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two result sets of the same frames, each scored against the same ground truth: the difference of
 * every headline metric and per-class value (second minus first), and the frames where the two
 * disagree most, by the task's {@link EvaluationSpec#difference} (classification: top-1 changed;
 * detection: detections of one without a same-class detection of the other at IoU ≥ 0.5;
 * segmentation: the drop of the image mIoU).
 *
 * @param delta      headline metric → second − first
 * @param classDelta per class present in either: [first, second] (NaN where absent), largest change first
 */
public record Comparison(TaskEvaluation first, TaskEvaluation second, Map<String, Double> delta,
                         Map<String, double[]> classDelta, List<Disagreement> disagreements) {

    /** One frame where the two differ; {@code size} orders them (changes, unmatched detections, IoU drop). */
    public record Disagreement(String eventId, double size, String first, String second) {}

    public static Comparison of(TaskEvaluation a, TaskEvaluation b) {
        ResultSet resultsA = a.results();
        ResultSet resultsB = b.results();
        Map<String, Double> delta = new LinkedHashMap<>();
        a.headline().forEach((k, v) -> delta.put(k, b.headline().getOrDefault(k, Double.NaN) - v));
        Map<String, double[]> classes = new LinkedHashMap<>();
        a.classes().forEach(c -> classes.put(c.name(), new double[] {c.value(), Double.NaN}));
        b.classes().forEach(c -> classes.computeIfAbsent(c.name(), k -> new double[] {Double.NaN, Double.NaN})[1]
                = c.value());
        Map<String, double[]> sorted = new LinkedHashMap<>();
        classes.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -change(e.getValue())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        Map<String, TaskEvaluation.Frame> framesB = new LinkedHashMap<>();
        b.frames().forEach(f -> framesB.put(f.eventId(), f));
        List<Disagreement> out = new ArrayList<>();
        for (TaskEvaluation.Frame fa : a.frames()) {
            TaskEvaluation.Frame fb = framesB.get(fa.eventId());
            if (fb == null) {
                continue;
            }
            double size = a.spec().difference(fa, fb, resultsA, resultsB);
            if (size > 0) {
                out.add(new Disagreement(fa.eventId(), size, fa.summary(), fb.summary()));
            }
        }
        out.sort(Comparator.comparingDouble(Disagreement::size).reversed());
        return new Comparison(a, b, delta, sorted, out);
    }

    private static double change(double[] v) {
        double d = Math.abs(v[1] - v[0]);
        return Double.isNaN(d) ? 2 : d; // a class only one of them has first
    }

    /** The comparison's headline as "metric first → second (±delta)" lines. */
    public List<String> headlineLines() {
        List<String> lines = new ArrayList<>();
        first.headline().forEach((k, v) -> lines.add(String.format(Locale.ROOT, "%-15s %.4f -> %.4f (%+.4f)", k, v,
                second.headline().get(k), delta.get(k))));
        return lines;
    }
}
