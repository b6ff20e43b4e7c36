package io.visionstreams.inference.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationTranslatorTest {

    private static final List<String> LABELS = List.of("background", "aeroplane", "bicycle");

    @Test
    void upsamplesTheModelLabelMapToTheFrameAndCountsFractionsLargestFirst() {
        // given: a 2x2 model map [[0, 1], [2, 1]] and a 4x2 frame
        SegmentationTranslator translator = new SegmentationTranslator(LABELS);
        LabelMap atModel = new LabelMap(2, 2, new byte[] {0, 1, 2, 1});

        // when
        SegmentationResult result = translator.toResult(atModel, 4, 2);

        // then: each model pixel covers a 2x1 block; class 1 has half the frame
        assertThat(result.width()).isEqualTo(4);
        assertThat(result.height()).isEqualTo(2);
        assertThat(result.labels()).containsExactly(0, 0, 1, 1, 2, 2, 1, 1);
        assertThat(result.classes()).containsExactly(new ClassFraction(1, "aeroplane", 0.5f),
                new ClassFraction(0, "background", 0.25f), new ClassFraction(2, "bicycle", 0.25f));
    }

    @Test
    void rejectsAClassIndexWithoutALabel() {
        SegmentationTranslator translator = new SegmentationTranslator(LABELS);

        assertThatThrownBy(() -> translator.toResult(new LabelMap(1, 1, new byte[] {7}), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 7");
    }

    @Test
    void readsTheTwentyOneVocClassesAndNotTheNoteAfterThem() throws Exception {
        SegmentationTranslator translator = SegmentationTranslator.fromLabelFile(TfliteTestModels.modelsDir()
                .resolve(TfliteTestModels.DEEPLAB).resolve("pascal_voc_segmentation_labels.txt"));

        SegmentationResult result = translator.toResult(new LabelMap(1, 1, new byte[] {20}), 1, 1);

        assertThat(result.classes()).containsExactly(new ClassFraction(20, "tvmonitor", 1f));
        assertThatThrownBy(() -> translator.toResult(new LabelMap(1, 1, new byte[] {21}), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
