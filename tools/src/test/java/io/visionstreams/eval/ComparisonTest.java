package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @TempDir
    Path dir;

    @Test
    void classificationDifferencesAndTheFramesWhoseTopOneChanged() throws IOException {
        // given: the same three frames; the second model fixes b, breaks c, and changes nothing on a
        Path truth = Files.writeString(dir.resolve("truth.csv"), "a,1\nb,2\nc,3\n");
        ResultSet first = ResultSet.read(new ResultsFileWriter(dir).classification("a", 1).classification("b", 9)
                .classification("c", 3).write("first.jsonl"));
        ResultSet second = ResultSet.read(new ResultsFileWriter(dir).classification("a", 1).classification("b", 2)
                .classification("c", 8).write("second.jsonl"));
        ClassificationGroundTruth gt = ClassificationGroundTruth.read(truth);

        // when
        Comparison c = Comparison.of(ClassificationEvaluator.evaluate(first, gt), ClassificationEvaluator.evaluate(second, gt));

        // then: top-1 2/3 both: no change overall, but two frames changed
        assertThat(c.delta().get("top1")).isZero();
        assertThat(c.disagreements()).extracting(Comparison.Disagreement::eventId).containsExactlyInAnyOrder("b", "c");
        assertThat(c.classDelta().get(gt.name(2))).containsExactly(0.0, 1.0);
        assertThat(c.classDelta().get(gt.name(1))).containsExactly(1.0, 1.0);
    }

    @Test
    void detectionFramesOrderedByDetectionsTheOtherDoesNotHave() throws IOException {
        // given: frame x: identical; frame y: the second model moves one box and adds another
        Files.writeString(dir.resolve("x.txt"), "0 0.5 0.5 0.2 0.2\n");
        Files.writeString(dir.resolve("y.txt"), "0 0.5 0.5 0.2 0.2\n");
        double[] person = {1, 0.9, 0.4, 0.4, 0.6, 0.6};
        ResultSet first = ResultSet.read(new ResultsFileWriter(dir).detections("x.jpg", 100, 100, person)
                .detections("y.jpg", 100, 100, person).write("first.jsonl"));
        ResultSet second = ResultSet.read(new ResultsFileWriter(dir).detections("x.jpg", 100, 100, person)
                .detections("y.jpg", 100, 100, new double[] {1, 0.8, 0.0, 0.0, 0.2, 0.2},
                        new double[] {3, 0.5, 0.4, 0.4, 0.6, 0.6}).write("second.jsonl"));
        DetectionGroundTruth gt = DetectionGroundTruth.read(dir);

        // when
        Comparison c = Comparison.of(DetectionEvaluator.evaluate(first, gt), DetectionEvaluator.evaluate(second, gt));

        // then: y has 1 + 2 unmatched detections; the second model's persons by score: TP (x), FP (y):
        // precision 1 up to recall 0.5 (51 of the 101 thresholds), the car counts nowhere (no car truth)
        assertThat(c.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo("y.jpg");
            assertThat(d.size()).isEqualTo(3);
        });
        assertThat(c.first().headline().get("ap50")).isCloseTo(1, within(1e-12));
        assertThat(c.second().headline().get("ap50")).isCloseTo(51.0 / 101, within(1e-12));
        assertThat(c.delta().get("ap50")).isCloseTo(51.0 / 101 - 1, within(1e-12));
    }
}
