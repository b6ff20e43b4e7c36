package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.testing.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionEvaluatorTest {

    @TempDir
    Path dir;

    @Test
    void yoloClassIndicesMapToTheNinetyIdLabelMapAndScaleToTheImage() throws IOException {
        // given: coco8 class 0 (person) and 11 (stop sign: COCO id 13, as id 12 is unused)
        Files.writeString(dir.resolve("x.txt"), "0 0.5 0.5 0.5 0.25\n11 0.25 0.25 0.1 0.1\n");

        // when
        List<CocoBox> boxes = DetectionGroundTruth.yoloFolder(dir).objects("x.txt", 200, 100);

        // then
        assertThat(boxes).containsExactly(CocoBox.truth(1, 50, 37.5, 100, 25), CocoBox.truth(13, 40, 20, 20, 10));
    }

    @Test
    void cocoInstancesAgainstResultsFileGiveTheHandComputedAp() throws IOException {
        // given: the two images of CocoEvalTest (cat = 17), 100 x 100 pixels, in the contract's
        // normalized boxes; plus a crowd region with no detection, which costs nothing
        Path gt = Files.writeString(dir.resolve("instances.json"), """
                {"images": [{"id": 2, "file_name": "b.jpg", "width": 100, "height": 100},
                            {"id": 1, "file_name": "a.jpg", "width": 100, "height": 100}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 17, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
                   {"id": 2, "image_id": 1, "category_id": 17, "bbox": [20, 20, 10, 10], "area": 100, "iscrowd": 0},
                   {"id": 3, "image_id": 2, "category_id": 17, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
                   {"id": 4, "image_id": 2, "category_id": 17, "bbox": [60, 60, 30, 30], "area": 900, "iscrowd": 1}],
                 "categories": [{"id": 17, "name": "cat"}, {"id": 18, "name": "dog"}]}
                """);
        Path results = new ResultsFileWriter(dir)
                .detections("a.jpg", 100, 100, new double[] {17, 0.9, 0, 0, 0.1, 0.1},
                        new double[] {17, 0.8, 0.5, 0.5, 0.6, 0.6})
                .detections("b.jpg", 100, 100, new double[] {17, 0.7, 0, 0, 0.1, 0.05})
                .write("results.jsonl");

        // when
        TaskEvaluation e = DetectionEvaluator.evaluate(ResultSet.read(results), DetectionGroundTruth.read(gt));

        // then: float boxes put b's IoU a hair off 0.5, so only AP at IoU 0.5 is checked to the hand value
        double ap50 = (34 + 33 * (2.0 / 3)) / 101;
        assertThat(e.headline().get("ap50")).isCloseTo(ap50, within(1e-9));
        assertThat(e.headline().get("ap75")).isCloseTo(34.0 / 101, within(1e-9));
        assertThat(e.classes()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("cat"));
        assertThat(e.frames()).extracting(TaskEvaluation.Frame::eventId).containsExactly("a.jpg", "b.jpg");
        assertThat(e.curves().get(0).y()[0]).isCloseTo(1, within(1e-12));
    }

    @Test
    void theReferenceDetectionsScoreAsDetectionJsonCountedThem() throws IOException {
        // given: TF.js coco-ssd's own detections of the five COCO samples (pixels, xyxy) as results
        JsonNode reference = new ObjectMapper().readTree(SampleImages.datasets().resolve("detection.json").toFile());
        ResultsFileWriter writer = new ResultsFileWriter(dir);
        for (JsonNode image : reference.get("images")) {
            int h = image.get("hw").get(0).asInt();
            int w = image.get("hw").get(1).asInt();
            List<double[]> objects = new ArrayList<>();
            for (JsonNode d : image.get("detections")) {
                JsonNode b = d.get("box_xyxy");
                objects.add(new double[] {d.get("coco_id").asInt(), d.get("score").asDouble(), b.get(0).asDouble() / w,
                        b.get(1).asDouble() / h, b.get(2).asDouble() / w, b.get(3).asDouble() / h});
            }
            writer.detections(image.get("file").asText(), w, h, objects.toArray(double[][]::new));
        }

        // when: against the samples' YOLO labels
        TaskEvaluation e = DetectionEvaluator.evaluate(ResultSet.read(writer.write("results.jsonl")),
                DetectionGroundTruth.read(SampleImages.datasets().resolve("images")));

        // then: per image, matched / false / missed at IoU 0.5 equal the reference's tp / fp / fn
        assertThat(e.frameCount()).isEqualTo(5);
        for (JsonNode image : reference.get("images")) {
            assertThat(e.frames()).filteredOn(f -> f.eventId().equals(image.get("file").asText())).singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith(String.format("%d matched, %d false, %d missed",
                            image.get("tp").asInt(), image.get("fp").asInt(), image.get("fn").asInt())));
        }
    }
}
