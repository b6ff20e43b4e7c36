package io.visionstreams.eval.report;

import io.visionstreams.eval.Comparison;
import io.visionstreams.eval.EvaluationWords;
import io.visionstreams.eval.ResultSet;
import io.visionstreams.eval.TaskEvaluation;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report page: per task the headline cards, the precision–recall curves (where the task has
 * them: detection), per-class bars, the most-confused pairs, the latency histogram and the gallery
 * (prediction beside ground truth; both models when comparing), in the task's words
 * ({@code EvaluationSpec.words()}). Everything inline: no script, no network.
 */
final class HtmlPage {

    private static final int CURVE_CLASSES = 8;
    private static final int CONFUSIONS = 10;
    /** The grey canvas of a frame that is not at hand and whose result says no size (a classifier's input). */
    private static final int DEFAULT_CANVAS = 224;

    private final Thumbnails thumbnails;
    private final int galleryFrames;

    HtmlPage(Thumbnails thumbnails, int galleryFrames) {
        this.thumbnails = thumbnails;
        this.galleryFrames = galleryFrames;
    }

    String render(List<TaskEvaluation> evaluations, List<Comparison> comparisons) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Vision Streams evaluation</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>Vision Streams evaluation</h1><p class=\"sub\">");
        for (TaskEvaluation e : evaluations) {
            h.append("<span class=\"pill\">").append(esc(e.task())).append(": ").append(esc(e.model())).append("</span>");
        }
        h.append("<span class=\"when\">").append(esc(Instant.now().toString())).append("</span></p></header>\n<main>\n");
        for (TaskEvaluation e : evaluations) {
            Comparison c = comparisons.stream().filter(x -> x.first() == e).findFirst().orElse(null);
            section(h, e, c);
        }
        return h.append("</main></body></html>\n").toString();
    }

    private void section(StringBuilder h, TaskEvaluation e, Comparison c) throws IOException {
        EvaluationWords words = e.spec().words();
        h.append("<section class=\"task\" id=\"").append(esc(e.task())).append("\"><h2>").append(esc(words.title()))
                .append("</h2>\n<p class=\"source\">").append(esc(e.source()));
        if (c != null) {
            h.append(" <b>vs</b> ").append(esc(c.second().source()));
        }
        h.append("</p>\n<div class=\"cards\">");
        for (Map.Entry<String, Double> m : e.headline().entrySet()) {
            h.append("<div class=\"card\"><div class=\"metric\">").append(esc(words.metricName(m.getKey()))).append("</div>")
                    .append("<div class=\"value\">").append(pct(m.getValue())).append("</div>");
            if (c != null) {
                double d = c.delta().get(m.getKey());
                h.append("<div class=\"second\">second: ").append(pct(c.second().headline().get(m.getKey())))
                        .append(" <span class=\"").append(d >= 0 ? "up" : "down").append("\">")
                        .append(String.format(Locale.ROOT, "%+.1f", 100 * d)).append(" pts</span></div>");
            }
            h.append("</div>");
        }
        h.append(String.format(Locale.ROOT, "<div class=\"card small\"><div class=\"metric\">frames scored</div>"
                + "<div class=\"value\">%d</div><div class=\"second\">%d missing · %d without ground truth</div></div>",
                e.frameCount(), e.missing().size(), e.unscored()));
        h.append("</div>\n<div class=\"grid\">");
        if (!e.curves().isEmpty()) {
            figure(h, "Precision–recall at IoU 0.5 (101-point interpolated)", prCurves(e, c), "pr");
        }
        figure(h, words.perClassTitle(), perClassBars(e, c), "per-class");
        figure(h, "Latency per frame: queue + inference", latency(e, c), "latency");
        h.append("<figure class=\"panel confused\"><figcaption>Most confused (truth → predicted)</figcaption>")
                .append(confusionTable(e)).append("</figure>");
        h.append("</div>\n");
        if (c != null) {
            disagreements(h, c);
        }
        gallery(h, e, c);
        h.append("</section>\n");
    }

    private static void figure(StringBuilder h, String caption, String svg, String cssClass) {
        h.append("<figure class=\"panel ").append(cssClass).append("\"><figcaption>").append(esc(caption))
                .append("</figcaption>").append(svg).append("</figure>");
    }

    private static String prCurves(TaskEvaluation e, Comparison c) {
        List<Svg.Series> series = new ArrayList<>();
        List<TaskEvaluation.Curve> curves = e.curves(); // all classes first, then one per class
        List<TaskEvaluation.Curve> perClass = new ArrayList<>(curves.subList(1, curves.size()));
        Map<String, Long> support = new java.util.HashMap<>();
        e.classes().forEach(r -> support.put(r.name(), r.support()));
        perClass.sort(Comparator.comparingLong((TaskEvaluation.Curve x) -> -support.getOrDefault(x.name(), 0L)));
        for (int i = 0; i < Math.min(CURVE_CLASSES, perClass.size()); i++) {
            TaskEvaluation.Curve k = perClass.get(i);
            series.add(new Svg.Series(k.name(), k.x(), k.y(), Svg.COLOURS[(i + 2) % Svg.COLOURS.length], 1.5));
        }
        TaskEvaluation.Curve all = curves.get(0);
        series.add(0, new Svg.Series(c == null ? "all classes" : "all classes (first)", all.x(), all.y(),
                "#1f2937", 3.5));
        if (c != null && !c.second().curves().isEmpty()) {
            TaskEvaluation.Curve second = c.second().curves().get(0);
            series.add(1, new Svg.Series("all classes (second)", second.x(), second.y(), Svg.COLOURS[1], 3.5));
        }
        return Svg.lineChart("pr-curve", series, "recall", "precision");
    }

    private static String perClassBars(TaskEvaluation e, Comparison c) {
        List<Svg.Bar> rows = new ArrayList<>();
        if (c == null) {
            e.classes().stream().sorted(Comparator.comparingDouble(TaskEvaluation.ClassRow::value).reversed())
                    .forEach(r -> rows.add(new Svg.Bar(r.name(), new double[] {r.value()})));
            return rows.isEmpty() ? "<p class=\"empty\">no class scored</p>"
                    : Svg.bars("class-bars", rows, List.of(e.model()));
        }
        c.classDelta().forEach((name, v) -> rows.add(new Svg.Bar(name, v)));
        return Svg.bars("class-bars", rows, List.of("first: " + e.model(), "second: " + c.second().model()));
    }

    private static String latency(TaskEvaluation e, Comparison c) {
        List<double[]> samples = new ArrayList<>();
        List<String> names = new ArrayList<>();
        samples.add(e.latencyMs().stream().mapToDouble(Double::doubleValue).toArray());
        names.add(c == null ? e.model() : "first");
        if (c != null) {
            samples.add(c.second().latencyMs().stream().mapToDouble(Double::doubleValue).toArray());
            names.add("second");
        }
        return Svg.histogram("latency-histogram", samples, names, c == null ? "milliseconds ("
                + samples.get(0).length + " results)" : "milliseconds");
    }

    private static String confusionTable(TaskEvaluation e) {
        if (e.confusions().isEmpty()) {
            return "<p class=\"empty\">no confusion between classes</p>";
        }
        StringBuilder t = new StringBuilder("<table class=\"confusions\"><thead><tr><th>truth</th><th>predicted</th>"
                + "<th>" + e.spec().words().support() + "</th><th>share of truth</th></tr></thead><tbody>");
        for (TaskEvaluation.Confusion c : e.confusions().subList(0, Math.min(CONFUSIONS, e.confusions().size()))) {
            t.append("<tr><td>").append(esc(c.truth())).append("</td><td>").append(esc(c.predicted()))
                    .append("</td><td class=\"num\">").append(c.count()).append("</td><td><span class=\"share\" style=\"width:")
                    .append(Svg.fmt(Math.max(1, 100 * c.share()))).append("px\"></span> ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * c.share())).append("</td></tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    private static void disagreements(StringBuilder h, Comparison c) {
        h.append("<h3>Frames where they disagree most</h3>");
        if (c.disagreements().isEmpty()) {
            h.append("<p class=\"empty\">none: both give the same answer on every frame</p>");
            return;
        }
        h.append("<table class=\"disagreements\"><thead><tr><th>frame</th><th>difference</th><th>first</th>"
                + "<th>second</th></tr></thead><tbody>");
        for (Comparison.Disagreement d : c.disagreements().subList(0, Math.min(10, c.disagreements().size()))) {
            h.append("<tr><td>").append(esc(d.eventId())).append("</td><td class=\"num\">")
                    .append(c.first().spec().differenceCell(d.size()))
                    .append("</td><td>").append(esc(d.first())).append("</td><td>").append(esc(d.second()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private void gallery(StringBuilder h, TaskEvaluation e, Comparison c) throws IOException {
        Set<String> chosen = new LinkedHashSet<>();
        if (c != null) {
            c.disagreements().forEach(d -> chosen.add(d.eventId()));
        }
        e.frames().stream().sorted(Comparator.comparingDouble(TaskEvaluation.Frame::score))
                .forEach(f -> chosen.add(f.eventId()));
        Map<String, TaskEvaluation.Frame> frames = new java.util.HashMap<>();
        e.frames().forEach(f -> frames.put(f.eventId(), f));
        Map<String, TaskEvaluation.Frame> second = new java.util.HashMap<>();
        if (c != null) {
            c.second().frames().forEach(f -> second.put(f.eventId(), f));
        }
        h.append("<h3>Gallery: ").append(Math.min(galleryFrames, chosen.size())).append(" of ")
                .append(e.frameCount()).append(" frames, ").append(c != null ? "disagreements first" : "worst first")
                .append("</h3>\n<div class=\"gallery\">");
        int n = 0;
        for (String id : chosen) {
            if (n++ == galleryFrames) {
                break;
            }
            TaskEvaluation.Frame f = frames.get(id);
            h.append("<article class=\"frame\"><h4>").append(esc(id)).append("<span class=\"score\">")
                    .append(String.format(Locale.ROOT, "%.2f", f.score())).append("</span></h4><div class=\"shots\">");
            RgbImage image = image(e, id);
            shot(h, c == null ? "prediction" : "first", prediction(e.task(), e.results(), id, image), f.summary());
            if (c != null && second.containsKey(id)) {
                shot(h, "second", prediction(e.task(), c.second().results(), id, image), second.get(id).summary());
            }
            Object truth = e.truth().apply(id);
            if (!(truth instanceof String)) { // a label is in the caption already: no second picture of it
                shot(h, "ground truth", thumbnails.annotated(image, truth), "");
            }
            h.append("</div></article>\n");
        }
        h.append("</div>\n");
    }

    /** The frame, or a grey canvas of the size its result says (else {@link #DEFAULT_CANVAS} square). */
    private RgbImage image(TaskEvaluation e, String id) {
        Object r = e.results().results(e.task()).get(id);
        TaskSpec.FrameSize size = TaskSpecs.ofRecord(r).flatMap(spec -> spec.frameSizeOf(r))
                .orElse(new TaskSpec.FrameSize(DEFAULT_CANVAS, DEFAULT_CANVAS));
        return thumbnails.image(id, size.width(), size.height());
    }

    private String prediction(String task, ResultSet results, String id, RgbImage image) throws IOException {
        return thumbnails.annotated(image, results.results(task).get(id));
    }

    private static void shot(StringBuilder h, String label, String uri, String caption) {
        h.append("<figure class=\"shot\"><img alt=\"").append(esc(label)).append("\" src=\"").append(uri)
                .append("\"><figcaption><b>").append(esc(label)).append("</b> ").append(esc(caption))
                .append("</figcaption></figure>");
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String esc(String s) {
        return Html.escape(s);
    }

    static final String CSS = """
            :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--accent:#4E79A7}
            *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
            header{background:#111827;color:#fff;padding:22px 32px}header h1{margin:0;font-size:24px;font-weight:650}
            .sub{margin:8px 0 0;color:#cbd5e1}.pill{display:inline-block;background:#374151;border-radius:12px;padding:2px 10px;margin-right:8px;font-size:13px}
            .when{font-size:12px;color:#9ca3af}main{padding:8px 32px 40px;max-width:1400px}
            section.task{margin-top:26px}h2{font-size:21px;margin:0 0 2px}h3{font-size:16px;margin:22px 0 10px}
            .source{color:var(--muted);font-size:13px;margin:0 0 12px;word-break:break-all}
            .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 18px;min-width:150px}
            .metric{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}.value{font-size:28px;font-weight:700}
            .second{font-size:13px;color:var(--muted)}.up{color:#15803d;font-weight:600}.down{color:#b91c1c;font-weight:600}
            .grid{display:flex;flex-wrap:wrap;gap:16px;margin-top:16px}.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0;padding:12px 14px}
            .panel figcaption{font-weight:600;margin-bottom:6px}.chart text{font-size:11px;fill:#374151}.chart .axis-label{font-size:12px;fill:#6b7280}
            .chart .grid{stroke:#eef0f3}.chart .axis{stroke:#9ca3af}.chart .mark{stroke-dasharray:4 3}.chart .legend{font-size:12px}.chart .value{fill:#6b7280;font-size:10px}
            table{border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line)}th{color:var(--muted);font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}.share{display:inline-block;height:8px;background:var(--accent);border-radius:4px;vertical-align:middle}
            .disagreements{background:var(--card);border:1px solid var(--line)}.empty{color:var(--muted);font-style:italic}
            .gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
            .frame{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px}.frame h4{margin:0 0 8px;font-size:14px;display:flex;justify-content:space-between;word-break:break-all}
            .score{background:#eef2ff;color:#3730a3;border-radius:8px;padding:0 8px;font-size:12px}.shots{display:flex;gap:10px;flex-wrap:wrap}
            .shot{margin:0;flex:1 1 0;min-width:180px;max-width:300px}.shot img{width:100%;border-radius:6px;display:block;background:#e5e7eb}.shot figcaption{font-size:12px;color:var(--muted);margin-top:4px}
            """;
}
