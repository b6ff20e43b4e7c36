package io.visionstreams.eval;

import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classification scored by {@link ClassificationEvaluator} against a CSV of {@code event_id,label}
 * (in the demo: a {@value #BESIDE_IMAGES} beside the images); two results differ on a frame when
 * its top-1 class changed.
 */
final class ClassificationEvaluationSpec implements EvaluationSpec {

    static final String BESIDE_IMAGES = "classification.csv";

    @Override
    public VisionTask task() {
        return VisionTask.CLASSIFICATION;
    }

    @Override
    public TaskEvaluation evaluate(ResultSet results, Path groundTruth, boolean besideImages) throws IOException {
        return ClassificationEvaluator.evaluate(results, ClassificationGroundTruth.read(groundTruth));
    }

    @Override
    public Optional<TaskEvaluation> evaluateBesideImages(ResultSet results, Path images) throws IOException {
        Path csv = images.resolve(BESIDE_IMAGES);
        return Files.isRegularFile(csv)
                ? Optional.of(ClassificationEvaluator.evaluate(results, ClassificationGroundTruth.read(csv)))
                : Optional.empty();
    }

    /** The samples' ImageNet photos come without labels: say what would make the demo score them. */
    @Override
    public String noGroundTruthNote() {
        return " (a " + BESIDE_IMAGES + " of event_id,label beside the images would be scored)";
    }

    /** 1 when the top-1 class changed, else 0. */
    @Override
    public double difference(TaskEvaluation.Frame first, TaskEvaluation.Frame second, ResultSet firstResults,
                             ResultSet secondResults) {
        return top1(firstResults.classifications().get(first.eventId()))
                == top1(secondResults.classifications().get(second.eventId())) ? 0 : 1;
    }

    @Override
    public String differenceText(double difference) {
        return "top-1 changed";
    }

    @Override
    public String differenceCell(double difference) {
        return "top-1 changed";
    }

    @Override
    public String groundTruthHelp() {
        return "CSV event_id,label (ImageNet 0-based index or name)";
    }

    @Override
    public EvaluationWords words() {
        return new EvaluationWords("Classification (ImageNet)", "Top-1 accuracy per true class", "top-1", null,
                "frames", Map.of("top1", "top-1 accuracy", "top5", "top-5 accuracy"));
    }

    private static int top1(Classification c) {
        List<ClassScore> top = c.getTopK();
        return top.isEmpty() ? -1 : top.get(0).getIndex();
    }
}
