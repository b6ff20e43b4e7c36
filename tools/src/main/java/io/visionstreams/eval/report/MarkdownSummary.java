package io.visionstreams.eval.report;

import io.visionstreams.eval.Comparison;
import io.visionstreams.eval.EvaluationWords;
import io.visionstreams.eval.TaskEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's {@code summary.md}: per task the headline, the per-class table (in the task's words) and the most confused pairs. */
final class MarkdownSummary {

    private MarkdownSummary() {}

    static String render(List<TaskEvaluation> evaluations, List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder("# Evaluation\n");
        for (TaskEvaluation e : evaluations) {
            md.append(String.format(Locale.ROOT, "%n## %s — %s%n%nResults: `%s`. %d frames scored, %d in the ground"
                    + " truth without a result, %d results without ground truth.%n%n| metric | value |%n|---|---|%n",
                    e.task(), e.model(), e.source(), e.frameCount(), e.missing().size(), e.unscored()));
            e.headline().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", k, v)));
            EvaluationWords words = e.spec().words();
            md.append("\n| class | ").append(String.join(" | ", words.classColumns())).append(" |\n|---|")
                    .append("---|".repeat(words.classColumns().size())).append('\n');
            for (TaskEvaluation.ClassRow c : e.classes()) {
                md.append(words.hasValue50() ? String.format(Locale.ROOT, "| %s | %.4f | %.4f | %d |%n", c.name(), c.value(),
                        c.value50(), c.support()) : String.format(Locale.ROOT, "| %s | %.4f | %d |%n", c.name(),
                        c.value(), c.support()));
            }
            if (!e.confusions().isEmpty()) {
                md.append("\nMost confused (truth → predicted):\n\n");
                e.confusions().stream().limit(5).forEach(c -> md.append(String.format(Locale.ROOT,
                        "- %s → %s: %d (%.1f%%)%n", c.truth(), c.predicted(), c.count(), 100 * c.share())));
            }
        }
        for (Comparison c : comparisons) {
            md.append(String.format(Locale.ROOT, "%n## Comparison (%s)%n%nFirst: `%s`; second: `%s`.%n%n"
                    + "| metric | first | second | second − first |%n|---|---|---|---|%n", c.first().task(),
                    c.first().source(), c.second().source()));
            c.first().headline().forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %+.4f |%n",
                    k, v, c.second().headline().get(k), c.delta().get(k))));
            md.append("\n| class | first | second |\n|---|---|---|\n");
            for (Map.Entry<String, double[]> e : c.classDelta().entrySet()) {
                md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f |%n", e.getKey(), e.getValue()[0],
                        e.getValue()[1]));
            }
            md.append(String.format(Locale.ROOT, "%n%d frames where they disagree.%n", c.disagreements().size()));
        }
        return md.toString();
    }
}
