package io.visionstreams.eval;

import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The evaluation side of one task's {@code TaskSpec}: which ground truth its results are scored
 * against and how ({@link #evaluate}, and in the demo {@link #evaluateBesideImages}), how much two
 * result sets differ on one frame ({@link #difference}), and the words every view of the scores
 * uses ({@link #words}). One per task, in {@link EvaluationSpecs}. It lives here, beside the
 * evaluators, rather than in the {@code TaskSpec}: the task package comes before eval in the data
 * flow (eval reads results through the client package, which uses the specs).
 */
public interface EvaluationSpec {

    VisionTask task();

    /**
     * Scores the task's results against the ground truth at {@code groundTruth}, in the formats this
     * task reads (the {@code evaluate} command).
     *
     * @param besideImages whether a ground-truth folder also holds the images the results are of
     */
    TaskEvaluation evaluate(ResultSet results, Path groundTruth, boolean besideImages) throws IOException;

    /**
     * The demo's scoring: against the ground truth lying beside the images in the files this task's
     * convention names; empty when the folder has none of them.
     */
    Optional<TaskEvaluation> evaluateBesideImages(ResultSet results, Path images) throws IOException;

    /**
     * The ground truth {@link #evaluate} reads, for {@code evaluate --help}: one phrase, e.g. {@code CSV
     * event_id,label (ImageNet 0-based index or name)}.
     */
    String groundTruthHelp();

    /** What the demo adds to "no ground truth" for this task, e.g. which file would be scored; usually empty. */
    default String noGroundTruthNote() {
        return "";
    }

    /**
     * How much the two result sets differ on one frame scored in both ({@code first} and {@code second}
     * are its rows); 0 when they agree. Orders a comparison's disagreements, largest first.
     */
    double difference(TaskEvaluation.Frame first, TaskEvaluation.Frame second, ResultSet firstResults,
                      ResultSet secondResults);

    /** A {@link #difference} for the console, e.g. {@code 3 unmatched detections}. */
    String differenceText(double difference);

    /** A {@link #difference} for a table cell of the report, e.g. {@code 3 unmatched}. */
    String differenceCell(double difference);

    EvaluationWords words();
}
