package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultSetTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryTaskBackFromTheContractWithItsMaskFileAndCountsRepeats() throws IOException {
        // given: a file written by the contract's writer, one classification repeated
        LabelMap mask = new LabelMap(2, 1, new byte[] {0, 15});
        Path file = new ResultsFileWriter(dir).classification("a.jpg", 285, 281).classification("a.jpg", 1)
                .detections("a.jpg", 640, 480, new double[] {1, 0.9, 0.1, 0.2, 0.5, 0.75})
                .segmentation("a.jpg", mask).deadLetter("b.txt", null).deadLetter("c.jpg", "detection")
                .write("results.jsonl");

        // when
        ResultSet set = ResultSet.read(file);

        // then
        assertThat(set.classifications().get("a.jpg").getTopK()).extracting(s -> s.getIndex()).containsExactly(285, 281);
        assertThat(set.duplicates()).isEqualTo(1);
        assertThat(set.detections().get("a.jpg").getObjects()).singleElement()
                .satisfies(o -> assertThat(o.getBox().getXMax()).isEqualTo(0.5f));
        assertThat(LabelMapPng.decode(Serdes.bytes(set.segmentations().get("a.jpg").getMaskPng())).labels())
                .containsExactly(0, 15);
        assertThat(set.failures()).extracting(ResultSet.Failure::eventId, ResultSet.Failure::task)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b.txt", null),
                        org.assertj.core.groups.Tuple.tuple("c.jpg", "detection"));
        assertThat(set.eventIds()).containsExactly("a.jpg", "b.txt", "c.jpg");
        assertThat(set.latenciesMs("detection")).containsExactly(23.0);
        assertThat(set.model("segmentation")).isEqualTo("test-model 0123456789ab");
    }

    @Test
    void aLineOutsideTheContractFailsWithItsNumber() throws IOException {
        Path file = new ResultsFileWriter(dir).classification("a.jpg", 1).write("results.jsonl");
        Files.writeString(file, "{\"task\":\"detection\",\"event_id\":\"x\"}\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> ResultSet.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("missing \"objects\"");
    }

    @Test
    void aMissingMaskFileIsNamed() throws IOException {
        Path file = new ResultsFileWriter(dir).segmentation("a.png", new LabelMap(1, 1, new byte[1]))
                .write("results.jsonl");
        Files.delete(dir.resolve("masks/a.png.png"));

        assertThatThrownBy(() -> ResultSet.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("masks/a.png.png");
    }
}
