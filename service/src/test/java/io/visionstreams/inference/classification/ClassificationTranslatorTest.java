package io.visionstreams.inference.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.ImageTensors;
import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTranslatorTest {

    private static final List<String> LABELS = List.of("background", "tench", "goldfish", "shark", "ray");

    @Test
    void topKSkipsBackgroundAndReportsZeroBasedImageNetIndices() {
        // given: background is the most probable output
        ClassificationTranslator translator = new ClassificationTranslator(LABELS, 2);

        // when
        ClassificationResult result = translator.toResult(new float[] {0.5f, 0.1f, 0.3f, 0.05f, 0.05f});

        // then: model index 2 (goldfish) is ImageNet index 1
        assertThat(result.topK()).containsExactly(new ClassScore(1, "goldfish", 0.3f), new ClassScore(0, "tench", 0.1f));
    }

    @Test
    void equalScoresGoToTheLowerIndexFirst() {
        ClassificationTranslator translator = new ClassificationTranslator(LABELS, 3);

        ClassificationResult result = translator.toResult(new float[] {0f, 0.25f, 0.25f, 0.25f, 0.25f});

        assertThat(result.topK()).extracting(ClassScore::index).containsExactly(0, 1, 2);
    }

    @Test
    void topKLargerThanTheClassCountReturnsEveryClassSorted() {
        ClassificationTranslator translator = new ClassificationTranslator(LABELS, 10);

        ClassificationResult result = translator.toResult(new float[] {0f, 0.1f, 0.4f, 0.2f, 0.3f});

        assertThat(result.topK()).extracting(ClassScore::index).containsExactly(1, 3, 2, 0);
    }

    @Test
    void rejectsAModelOutputThatDoesNotMatchTheLabels() {
        ClassificationTranslator translator = new ClassificationTranslator(LABELS, 5);

        assertThatThrownBy(() -> translator.toResult(new float[1000])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000 scores for 5 labels");
        assertThatThrownBy(() -> new ClassificationTranslator(LABELS, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizesPixelsToMinusOneToOneInPlanarRgbOrder() {
        // given: a 2x1 image, pixels (0, 128, 255) and (64, 192, 1)
        RgbImage image = new RgbImage(2, 1, new byte[] {0, (byte) 128, (byte) 255, 64, (byte) 192, 1});

        // when
        float[] chw = ImageTensors.normalizedChw(image, ClassificationTranslator.ZERO_POINT, ClassificationTranslator.SCALE);

        // then: (x - 128) / 128, all R first, then G, then B
        assertThat(chw).containsExactly(-1f, -0.5f, 0f, 0.5f, 0.9921875f, -0.9921875f);
    }

    @Test
    void readsTheModelsLabelFileWithBackgroundFirst() throws Exception {
        Path file = TfliteTestModels.modelsDir().resolve(TfliteTestModels.MOBILENET_V2).resolve("imagenet_labels.txt");

        ClassificationTranslator translator = ClassificationTranslator.fromLabelFile(file, 1);
        float[] scores = new float[1001];
        scores[286] = 1f;

        assertThat(translator.toResult(scores).topK()).containsExactly(new ClassScore(285, "Egyptian cat", 1f));
    }
}
