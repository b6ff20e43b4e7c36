package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the TFLite flatbuffer reader: whatever the file, a model or an {@link IOException}
 * saying it is unreadable, never another exception. Committed inputs (a tiny two-tensor model
 * built with the flatbuffers library, by {@code io.visionstreams.testing.FuzzSeeds}) run in {@code mvn verify}.
 */
class TfliteModelFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parsesAModelOrSaysItIsUnreadable(byte[] file) {
        try {
            TfliteModel.parse(file, "fuzzed.tflite");
        } catch (IOException unreadable) {
            // the converter reports it and converts nothing
        }
    }

    @Test
    void theSeedIsAReadableModel() throws IOException {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream(
                "TfliteModelFuzzTestInputs/parsesAModelOrSaysItIsUnreadable/tiny-add.tflite")) {
            seed = in.readAllBytes();
        }

        TfliteModel model = TfliteModel.parse(seed, "tiny-add.tflite");

        assertThat(model.tensors()).hasSize(2);
        assertThat(model.operators()).hasSize(1);
    }
}
