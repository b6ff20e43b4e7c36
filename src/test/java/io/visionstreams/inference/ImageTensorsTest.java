package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The bulk (OpenCV) normalization gives exactly the per-pixel formula, in planar order. */
class ImageTensorsTest {

    @Test
    void aRealTensorNormalizesExactlyLikeThePerPixelFormula() throws Exception {
        // given: the exact 224x224 tensor TFLite was fed for the parrot
        RgbImage image = new ImageDecoder().decode(Files.readAllBytes(
                TfliteTestModels.datasetsDir().resolve("tensors/cls224/parrot.jpg.png")));

        // when
        float[] chw = ImageTensors.normalizedChw(image, 128f, 1f / 128f);

        // then: out[(c * h + y) * w + x] == (pixel - 128) / 128, bit for bit
        int plane = image.width() * image.height();
        assertThat(chw).hasSize(3 * plane);
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float expected = ((image.pixels()[3 * i + c] & 0xFF) - 128f) * (1f / 128f);
                assertThat(chw[c * plane + i]).as("pixel %d channel %d", i, c).isEqualTo(expected);
            }
        }
    }
}
