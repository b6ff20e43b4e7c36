package io.visionstreams.eval;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An evaluation (and a comparison) for people: headline, per class, most confused, worst frames. */
public final class EvaluationText {

    private static final int ROWS = 10;

    private EvaluationText() {}

    public static void print(PrintWriter out, TaskEvaluation e) {
        out.printf(Locale.ROOT, "%s — %s (%s)%n", e.task(), e.model(), e.source());
        out.printf(Locale.ROOT, "  %d frames scored, %d in the ground truth without a result, %d results without ground truth%n",
                e.frameCount(), e.missing().size(), e.unscored());
        e.headline().forEach((k, v) -> out.printf(Locale.ROOT, "  %-15s %.4f%n", k, v));
        EvaluationWords words = e.spec().words();
        out.printf(Locale.ROOT, "  per class: %s%n", String.join("  ", words.classColumns()));
        for (TaskEvaluation.ClassRow c : e.classes()) {
            out.printf(Locale.ROOT, words.hasValue50() ? "    %-22s %.4f  %.4f  %d%n" : "    %-22s %.4f  %4$d%n",
                    c.name(), c.value(), c.value50(), c.support());
        }
        if (!e.confusions().isEmpty()) {
            out.println("  most confused (truth -> predicted):");
            for (TaskEvaluation.Confusion c : e.confusions().subList(0, Math.min(ROWS, e.confusions().size()))) {
                out.printf(Locale.ROOT, "    %s -> %s: %d (%.1f%% of %s)%n", c.truth(), c.predicted(), c.count(),
                        100 * c.share(), c.truth());
            }
        }
        List<TaskEvaluation.Frame> worst = e.frames().stream().filter(f -> f.score() < 1)
                .sorted((a, b) -> Double.compare(a.score(), b.score())).limit(ROWS).toList();
        if (!worst.isEmpty()) {
            out.println("  worst frames:");
            worst.forEach(f -> out.printf(Locale.ROOT, "    %-28s %.3f  %s%n", f.eventId(), f.score(), f.summary()));
        }
        if (!e.missing().isEmpty()) {
            out.printf("  without a result: %s%n", e.missing());
        }
        out.flush();
    }

    public static void print(PrintWriter out, Comparison c) {
        out.printf("comparison: %s (first) vs %s (second), second minus first%n", c.first().source(),
                c.second().source());
        c.headlineLines().forEach(l -> out.println("  " + l));
        out.println("  per class (first -> second):");
        int n = 0;
        for (Map.Entry<String, double[]> e : c.classDelta().entrySet()) {
            if (n++ == ROWS * 2) {
                break;
            }
            double[] v = e.getValue();
            out.printf(Locale.ROOT, "    %-22s %.4f -> %.4f (%+.4f)%n", e.getKey(), v[0], v[1], v[1] - v[0]);
        }
        out.println(c.disagreements().isEmpty() ? "  no frame where they disagree" : "  frames where they disagree most:");
        for (Comparison.Disagreement d : c.disagreements().subList(0, Math.min(ROWS, c.disagreements().size()))) {
            out.printf(Locale.ROOT, "    %-28s %s%n      first:  %s%n      second: %s%n", d.eventId(),
                    c.first().spec().differenceText(d.size()), d.first(), d.second());
        }
        out.flush();
    }
}
