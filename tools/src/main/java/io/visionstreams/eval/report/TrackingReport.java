package io.visionstreams.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.eval.tracking.TrackingEvaluation;
import io.visionstreams.eval.tracking.TrackingRun;
import io.visionstreams.eval.tracking.TrackingText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The report of {@code evaluate --task tracking --report DIR}: {@code metrics.json} (the JSON line of
 * {@link TrackingText#json}) and {@code report.html} with the tracking section: the metrics side by
 * side (the tracker, then the baseline) and each one's per-track timelines with the events on them.
 */
public final class TrackingReport {

    private TrackingReport() {}

    /** @return the page */
    public static Path write(Path dir, TrackingRun run) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(EvaluationReport.METRICS).toFile(),
                TrackingText.json(run));
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Vision Streams tracking evaluation</title><style>").append(HtmlPage.CSS)
                .append("</style></head><body>\n<header><h1>Vision Streams evaluation</h1><p class=\"sub\">")
                .append("<span class=\"pill\">tracking: ").append(Html.escape(run.evaluations().get(0).source()))
                .append("</span><span class=\"when\">").append(Instant.now()).append("</span></p></header>\n<main>\n");
        section(h, run);
        Path page = dir.resolve(EvaluationReport.PAGE);
        Files.writeString(page, h.append("</main></body></html>\n").toString(), StandardCharsets.UTF_8);
        return page;
    }

    /** The tracking section: a table of the metrics, then one timeline figure per tracker. */
    static void section(StringBuilder h, TrackingRun run) {
        List<TrackingEvaluation> all = run.evaluations();
        h.append("<section class=\"task\" id=\"tracking\"><h2>Tracking (CLEAR-MOT, identity, events)</h2>")
                .append("<p class=\"source\">").append(Html.escape(run.results() + " against " + run.groundTruth()))
                .append("</p><table><tr><th>metric</th>");
        all.forEach(e -> h.append("<th>").append(Html.escape(e.tracker())).append("</th>"));
        h.append("</tr>\n");
        for (String key : all.get(0).headline().keySet()) {
            h.append("<tr><td>").append(Html.escape(key)).append("</td>");
            for (TrackingEvaluation e : all) {
                h.append("<td class=\"num\">").append(TrackingEvaluation.format(key, e.headline().get(key)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (TrackingEvaluation e : all) {
            h.append("<figure class=\"panel\"><figcaption>").append(Html.escape(e.tracker()))
                    .append(": per-object timelines (colour = matched track, black tick = ID switch; events: ")
                    .append("open triangle expected, green dot found, red cross missed, red dot false)</figcaption>")
                    .append(TrackingTimelines.svg(e)).append("</figure>\n");
        }
        h.append("</section>\n");
    }
}
