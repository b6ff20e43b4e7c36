package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.testing.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every task's evaluation side, and the demo's convention of each for ground truth beside the
 * images, on the sample folder itself with Google's reference outputs as the results (their own
 * scores, in {@code ../shared/datasets/*.json}, are the expected values).
 */
class EvaluationSpecsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sample folder itself: images with their ground truth beside them. */
    private static final Path IMAGES = SampleImages.datasets().resolve("images");

    @TempDir
    Path dir;

    @Test
    void everyTaskHasAnEvaluationSpecOfItsOwn() {
        for (VisionTask task : VisionTask.values()) {
            assertThat(EvaluationSpecs.of(task).task()).isEqualTo(task);
            assertThat(EvaluationSpecs.of(task.configName())).isSameAs(EvaluationSpecs.of(task));
        }
        assertThat(EvaluationSpecs.names())
                .containsExactlyElementsOf(Arrays.stream(VisionTask.values()).map(VisionTask::configName).toList());
    }

    @Test
    void theReferenceMasksBesideTheSampleImagesScoreTheReferenceVocMiou() throws IOException {
        // given: DeepLabv3's masks from Google's runtime, at ground-truth resolution, for the 9 VOC images
        JsonNode reference = JSON.readTree(SampleImages.datasets().resolve("segmentation.json").toFile());
        ResultsFileWriter writer = new ResultsFileWriter(dir);
        for (JsonNode image : reference.get("images")) {
            if (image.get("gt_kind").asText().equals("voc")) {
                writer.segmentation(image.get("image").asText(), LabelMapPng.decode(Files.readAllBytes(
                        SampleImages.datasets().resolve(image.get("pred_mask_png").asText()))));
            }
        }

        // when
        TaskEvaluation e = EvaluationSpecs.of(VisionTask.SEGMENTATION)
                .evaluateBesideImages(ResultSet.read(writer.write("results.jsonl")), IMAGES)
                .orElseThrow();

        // then: the VOC masks (<name>_target.png) found beside their images, scored as the reference scored them
        assertThat(e.frameCount()).isEqualTo(9);
        assertThat(e.headline().get("miou"))
                .isCloseTo(reference.get("summary_voc_only").get("mIoU").asDouble(), within(1e-5));
        assertThat(e.headline().get("pixel_accuracy"))
                .isCloseTo(reference.get("summary_voc_only").get("pixel_accuracy").asDouble(), within(1e-5));
    }

    @Test
    void theReferenceDetectionsBesideTheSampleLabelsMatchAsTheReferenceCountedThem() throws IOException {
        // given: SSDLite's detections from the TF.js runtime, boxes in pixels, for the 5 COCO images
        JsonNode reference = JSON.readTree(SampleImages.datasets().resolve("detection.json").toFile());
        ResultsFileWriter writer = new ResultsFileWriter(dir);
        for (JsonNode image : reference.get("images")) {
            int height = image.get("hw").get(0).asInt();
            int width = image.get("hw").get(1).asInt();
            List<double[]> objects = new ArrayList<>();
            for (JsonNode d : image.get("detections")) {
                JsonNode box = d.get("box_xyxy");
                objects.add(new double[] {d.get("coco_id").asInt(), d.get("score").asDouble(),
                        box.get(0).asDouble() / width, box.get(1).asDouble() / height,
                        box.get(2).asDouble() / width, box.get(3).asDouble() / height});
            }
            writer.detections(image.get("file").asText(), width, height, objects.toArray(double[][]::new));
        }

        // when
        TaskEvaluation e = EvaluationSpecs.of(VisionTask.DETECTION)
                .evaluateBesideImages(ResultSet.read(writer.write("results.jsonl")), IMAGES)
                .orElseThrow();

        // then: the YOLO labels found beside their images; true positives at IoU 0.5 as the reference counted
        JsonNode primary = reference.get("summary").get("primary");
        int[] counts = new int[3]; // matched, false, missed
        Pattern summary = Pattern.compile("(\\d+) matched, (\\d+) false, (\\d+) missed at IoU 0.5");
        for (TaskEvaluation.Frame f : e.frames()) {
            Matcher m = summary.matcher(f.summary());
            assertThat(m.matches()).as(f.summary()).isTrue();
            for (int i = 0; i < 3; i++) {
                counts[i] += Integer.parseInt(m.group(i + 1));
            }
        }
        assertThat(e.frameCount()).isEqualTo(5);
        assertThat(counts[0]).isEqualTo(primary.get("tp").asInt());
        assertThat(counts[1]).isEqualTo(primary.get("num_detections").asInt() - primary.get("tp").asInt());
        assertThat(counts[0] + counts[2]).isEqualTo(primary.get("num_gt").asInt());
    }

    @Test
    void theSampleImagesCarryNoClassificationTruthAndTheDemoSaysWhatWouldBeScored() throws IOException {
        // given: the sample folder: ImageNet photos without labels
        ResultSet none = new ResultSet("nothing");

        // when / then
        EvaluationSpec spec = EvaluationSpecs.of(VisionTask.CLASSIFICATION);
        assertThat(spec.evaluateBesideImages(none, IMAGES)).isEmpty();
        assertThat(spec.noGroundTruthNote()).contains(ClassificationEvaluationSpec.BESIDE_IMAGES);
    }
}
