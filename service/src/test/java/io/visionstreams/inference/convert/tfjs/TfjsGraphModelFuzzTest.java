package io.visionstreams.inference.convert.tfjs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fuzzing the TF.js graph-model reader: input = {@code model.json}, a NUL byte, then the one
 * weight shard ({@code group1-shard1of1.bin}). Whatever they hold, a model or an
 * {@link IOException}, never another exception, and never a file read outside the model's folder.
 */
class TfjsGraphModelFuzzTest {

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
        try {
            TfjsGraphModel.read(model);
        } catch (IOException unreadable) {
            // the converter reports it and converts nothing
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("vision-tfjs-fuzz-");
            Files.writeString(dir.resolve("outside.bin"), "not the model's"); // a manifest must never reach it
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
