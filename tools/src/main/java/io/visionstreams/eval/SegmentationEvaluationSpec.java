package io.visionstreams.eval;

import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Segmentation scored by {@link SegmentationEvaluator} against VOC masks, a folder of them or a CSV
 * naming them (in the demo: masks beside the images, {@code <image name>.png} or
 * {@code <name>_target.png} for {@code <name>_image.*}); two results differ on a frame by the drop of
 * its image mIoU.
 */
final class SegmentationEvaluationSpec implements EvaluationSpec {

    @Override
    public VisionTask task() {
        return VisionTask.SEGMENTATION;
    }

    @Override
    public TaskEvaluation evaluate(ResultSet results, Path groundTruth, boolean besideImages) throws IOException {
        return SegmentationEvaluator.evaluate(results, SegmentationGroundTruth.read(groundTruth, besideImages));
    }

    /** Always scored: without masks beside the images the evaluation has no frame. */
    @Override
    public Optional<TaskEvaluation> evaluateBesideImages(ResultSet results, Path images) throws IOException {
        return Optional.of(SegmentationEvaluator.evaluate(results, SegmentationGroundTruth.folder(images, true)));
    }

    /** The first's image mIoU minus the second's: positive where the second is worse. */
    @Override
    public double difference(TaskEvaluation.Frame first, TaskEvaluation.Frame second, ResultSet firstResults,
                             ResultSet secondResults) {
        return first.score() - second.score();
    }

    @Override
    public String differenceText(double difference) {
        return String.format(Locale.ROOT, "mIoU drop %.3f", difference);
    }

    @Override
    public String differenceCell(double difference) {
        return String.format(Locale.ROOT, "−%.3f mIoU", difference);
    }

    @Override
    public String groundTruthHelp() {
        return "a folder of VOC PNG masks (<image name>.png, or <name>_target.png for <name>_image.*)"
                + " or a CSV event_id,mask[,voc|coral-bird|oxford-trimap]";
    }

    @Override
    public EvaluationWords words() {
        return new EvaluationWords("Segmentation (PASCAL VOC)", "IoU per class", "IoU", null, "pixels",
                Map.of("miou", "mIoU", "pixel_accuracy", "pixel accuracy"));
    }
}
