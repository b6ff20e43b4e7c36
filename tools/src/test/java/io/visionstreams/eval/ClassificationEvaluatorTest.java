package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationEvaluatorTest {

    @TempDir
    Path dir;

    @Test
    void scoresTopOneAndTopFiveAgainstIndicesAndNames() throws IOException {
        // given: truth by index (285), by a whole label line, by a synonym and by any case; one event
        // in the ground truth was dead-lettered, one result has no ground truth
        Path truth = Files.writeString(dir.resolve("truth.csv"), """
                event_id,label
                cat.bmp,285
                hopper.bmp,military uniform
                tabby.jpg,tabby
                owl.jpg,"great grey owl, great gray owl, Strix nebulosa"
                gone.jpg,EGYPTIAN CAT
                """);
        Path results = new ResultsFileWriter(dir)
                .classification("cat.bmp", 285, 281, 282)          // top-1
                .classification("hopper.bmp", 400, 1, 2, 3, 652)   // 652 fifth: top-5 only
                .classification("tabby.jpg", 285, 1, 2, 3, 4, 281) // 281 sixth: neither
                .classification("owl.jpg", 24)                     // great grey owl = 24: top-1
                .classification("extra.jpg", 1)
                .deadLetter("gone.jpg", null).write("results.jsonl");

        // when
        TaskEvaluation e = ClassificationEvaluator.evaluate(ResultSet.read(results), ClassificationGroundTruth.read(truth));

        // then: 2 of 4 top-1, 3 of 4 top-5
        assertThat(e.headline()).containsEntry("top1", 0.5).containsEntry("top5", 0.75);
        assertThat(e.frameCount()).isEqualTo(4);
        assertThat(e.missing()).containsExactly("gone.jpg");
        assertThat(e.unscored()).isEqualTo(1);
        assertThat(e.confusions()).extracting(TaskEvaluation.Confusion::truth).containsExactlyInAnyOrder(
                "military uniform", "tabby");
        assertThat(e.truth().apply("cat.bmp")).isEqualTo("Egyptian cat");
    }

    @Test
    void refusesANameTwoClassesShareAndAnUnknownOne() throws IOException {
        Path crane = Files.writeString(dir.resolve("crane.csv"), "a.jpg,crane\n");
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "a.jpg,unicorn\n");

        assertThatThrownBy(() -> ClassificationGroundTruth.read(crane)).hasMessageContaining("[134, 517]");
        assertThatThrownBy(() -> ClassificationGroundTruth.read(unknown)).hasMessageContaining("unicorn");
    }
}
