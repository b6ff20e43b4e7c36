package io.visionstreams.inference.convert.tfjs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the TF.js graph-model reader: input = {@code model.json}, a NUL byte, then the one
 * weight shard ({@code group1-shard1of1.bin}). Whatever they hold, a model or an
 * {@link IOException}, never another exception, and never a file read outside the model's folder:
 * beside the folder lies {@code outside.bin}, a FIFO no one writes, so opening it would block and
 * the read would overrun its time limit.
 */
class TfjsGraphModelFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "5m")
    void readsAModelOrSaysItIsUnreadable(byte[] input) throws IOException {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        Path model = DIR.resolve("model").resolve("model.json");
        Files.createDirectories(model.getParent());
        Files.write(model, Arrays.copyOfRange(input, 0, nul));
        Files.write(model.resolveSibling("group1-shard1of1.bin"), Arrays.copyOfRange(input, Math.min(nul + 1, input.length), input.length));
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                TfjsGraphModel.read(model);
            } catch (IOException unreadable) {
                // the converter reports it and converts nothing
            }
        }, "the reader opened " + DIR.resolve("outside.bin") + ", outside the model's folder");
    }

    @Test
    void refusesShardsOutsideTheFolderByDotDotAbsolutePathOrLinkWithoutOpeningThem() throws IOException {
        Path folder = Files.createDirectories(DIR.resolve("linked"));
        Path outside = DIR.resolve("outside.bin");
        Files.deleteIfExists(folder.resolve("group1-shard1of1.bin"));
        Files.createSymbolicLink(folder.resolve("group1-shard1of1.bin"), outside);
        for (String path : List.of("../outside.bin", outside.toString(), "group1-shard1of1.bin")) {
            Path model = Files.writeString(folder.resolve("model.json"), "{\"modelTopology\":{\"node\":[{\"name\":\"x\","
                    + "\"op\":\"Placeholder\",\"attr\":{\"dtype\":{\"type\":\"DT_FLOAT\"}}},{\"name\":\"w\",\"op\":\"Const\"}]},"
                    + "\"weightsManifest\":[{\"paths\":[\"" + path + "\"],\"weights\":[{\"name\":\"w\",\"shape\":[2],"
                    + "\"dtype\":\"float32\"}]}]}", StandardCharsets.UTF_8);

            assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> TfjsGraphModel.read(model)).as(path)
                    .isInstanceOf(IOException.class).hasMessageContaining("leaves the model's folder"),
                    "the reader opened " + outside + " through '" + path + "'");
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("vision-tfjs-fuzz-");
            Path outside = dir.resolve("outside.bin"); // a manifest must never reach it
            Process mkfifo = new ProcessBuilder("mkfifo", outside.toString()).inheritIO().start();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + outside + " failed");
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
