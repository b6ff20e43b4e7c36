package io.visionstreams.inference.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    @Test
    void nearestResizeUsesHalfPixelCentres() {
        // given: 3 pixels to 5: src = floor((dst + 0.5) * 3 / 5) = 0, 0, 1, 2, 2
        LabelMap map = new LabelMap(3, 1, new byte[] {10, 20, 30});

        assertThat(map.resizeNearest(5, 1).labels()).containsExactly(10, 10, 20, 30, 30);
        assertThat(map.resizeNearest(2, 1).labels()).containsExactly(10, 30);
    }

    @Test
    void nearestResizeReproducesHowTheReferenceScoredTheDogAt128() throws Exception {
        // given: the reference's 513x513 argmax and the 128x128 map it scored
        Path predictions = TfliteTestModels.datasetsDir().resolve("seg_pred");
        LabelMap at513 = LabelMapPng.decode(Files.readAllBytes(predictions.resolve("dog_segmentation.bmp.pred513.png")));
        LabelMap scored = LabelMapPng.decode(Files.readAllBytes(predictions.resolve("dog_segmentation.bmp.pred_gtres.png")));

        // when
        LabelMap resized = at513.resizeNearest(128, 128);

        // then
        assertThat(scored.width()).isEqualTo(128);
        assertThat(resized.labels()).isEqualTo(scored.labels());
    }
}
