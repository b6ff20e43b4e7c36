package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsdAnchorsTest {

    @TempDir
    Path dir;

    @Test
    void writtenAnchorsReadBackBitForBitWithTheirRows() throws Exception {
        // given: values whose shortest decimal form is long, and a row permutation
        float[] boxes = {0.1f, Math.nextUp(0.2f), 1f / 3f, 0.75f, -0.023684211f, 1e-7f, 0.99999994f, 1.0000001f};
        SsdAnchors anchors = new SsdAnchors(boxes, new int[] {1, 0});
        Path file = SsdAnchors.file(dir, "m");

        // when
        anchors.write(file, "test");
        SsdAnchors read = SsdAnchors.read(file);

        // then
        assertThat(read.toArray()).containsExactly(boxes);
        assertThat(read.row(0)).isEqualTo(1);
        assertThat(read.row(1)).isZero();
    }

    @Test
    void rowsThatAreNotAPermutationAreRejected() throws IOException {
        Path file = dir.resolve("bad-anchors.json");
        Files.writeString(file, "{\"layout\":\"ymin,xmin,ymax,xmax\",\"count\":2,"
                + "\"anchors\":[[0,0,1,1],[0,0,1,1]],\"model_rows\":[1,1]}");

        assertThatThrownBy(() -> SsdAnchors.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("permutation");
    }
}
