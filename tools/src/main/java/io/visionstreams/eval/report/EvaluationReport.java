package io.visionstreams.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.eval.Comparison;
import io.visionstreams.eval.MetricsJson;
import io.visionstreams.eval.TaskEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a report folder: {@code metrics.json} (every number), {@code summary.md} (the headline and
 * per-class tables) and {@code report.html}, one self-contained page that opens offline.
 */
public final class EvaluationReport {

    public static final String PAGE = "report.html";
    public static final String METRICS = "metrics.json";
    public static final String SUMMARY = "summary.md";

    private final Path images;
    private final int galleryFrames;

    /**
     * @param images        folder of the images the results are of (event id = file name), or null
     * @param galleryFrames frames per task in the gallery
     */
    public EvaluationReport(Path images, int galleryFrames) {
        this.images = images;
        this.galleryFrames = galleryFrames;
    }

    /** @return the page */
    public Path write(Path dir, List<TaskEvaluation> evaluations, List<Comparison> comparisons) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(METRICS).toFile(),
                MetricsJson.full(evaluations, comparisons));
        Files.writeString(dir.resolve(SUMMARY), MarkdownSummary.render(evaluations, comparisons),
                StandardCharsets.UTF_8);
        Path page = dir.resolve(PAGE);
        Files.writeString(page, new HtmlPage(new Thumbnails(images), galleryFrames).render(evaluations, comparisons),
                StandardCharsets.UTF_8);
        return page;
    }
}
