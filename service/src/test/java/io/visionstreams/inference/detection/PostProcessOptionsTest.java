package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostProcessOptionsTest {

    @TempDir
    Path dir;

    @Test
    void writtenOptionsReadBackEqual() throws Exception {
        PostProcessOptions options = new PostProcessOptions(10, 1, 100, 1e-8f, 0.6f, 90, false, 10f, 10f, 5f, 5f);
        Path file = PostProcessOptions.file(dir, "m");

        options.write(file, "test");

        assertThat(PostProcessOptions.read(file)).isEqualTo(options);
    }

    @Test
    void aFileWithoutAnOptionIsRefusedNamingIt() throws Exception {
        Path file = dir.resolve("m-postprocess.json");
        Files.writeString(file, "{\"max_detections\": 10}");

        assertThatThrownBy(() -> PostProcessOptions.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("max_classes_per_detection");
    }
}
