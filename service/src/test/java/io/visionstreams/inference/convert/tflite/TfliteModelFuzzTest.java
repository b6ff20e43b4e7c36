package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the TFLite flatbuffer reader: whatever the file, a model or an {@link IOException}
 * saying it is unreadable, never another exception. Committed inputs (a tiny two-tensor model
 * built with the flatbuffers library, by {@code io.visionstreams.testing.FuzzSeeds}, and what fuzzing found:
 * a vector length past the end of the file, which made the reader allocate gigabytes) run in {@code mvn verify}.
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
        TfliteModel model = TfliteModel.parse(input("tiny-add.tflite"), "tiny-add.tflite");

        assertThat(model.tensors()).hasSize(2);
        assertThat(model.operators()).hasSize(1);
    }

    @Test
    void refusesAVectorDeclaredPastTheEndOfTheFileWithoutAllocatingIt() throws IOException {
        byte[] file = input("vector-length-past-the-end.tflite");

        assertThatThrownBy(() -> TfliteModel.parse(file, "fuzzed.tflite")).isInstanceOf(IOException.class)
                .hasMessageContaining("runs past the end");
    }

    private byte[] input(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("TfliteModelFuzzTestInputs/parsesAModelOrSaysItIsUnreadable/" + name)) {
            return in.readAllBytes();
        }
    }
}
