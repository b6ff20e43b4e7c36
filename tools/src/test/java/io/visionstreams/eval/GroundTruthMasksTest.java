package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.ingest.RgbImage;
import org.junit.jupiter.api.Test;

class GroundTruthMasksTest {

    @Test
    void vocPaletteHasTheStandardColours() {
        assertThat(GroundTruthMasks.vocColour(0)).isEqualTo(0x000000);
        assertThat(GroundTruthMasks.vocColour(1)).isEqualTo(0x800000);   // aeroplane
        assertThat(GroundTruthMasks.vocColour(15)).isEqualTo(0xC08080);  // person
        assertThat(GroundTruthMasks.vocColour(255)).isEqualTo(0xE0E0C0); // border, ignored
    }

    @Test
    void mapsVocColoursToClassIndicesAndTheBorderToIgnore() {
        RgbImage mask = new RgbImage(3, 1, new byte[] {0, 0, 0, (byte) 128, 0, 0, (byte) 224, (byte) 224, (byte) 192});

        assertThat(GroundTruthMasks.fromVocColours(mask).labels()).containsExactly(0, 1, (byte) 255);
        assertThatThrownBy(() -> GroundTruthMasks.fromVocColours(new RgbImage(1, 1, new byte[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#010203");
    }

    @Test
    void mapsCoralBirdAndOxfordTrimapValuesToVocClasses() {
        LabelMap bird = new LabelMap(4, 1, new byte[] {0, 1, 2, 3});
        LabelMap trimap = new LabelMap(3, 1, new byte[] {0, 1, 2});

        assertThat(GroundTruthMasks.fromCoralBird(bird).labels()).containsExactly(0, (byte) 255, (byte) 255, 3);
        assertThat(GroundTruthMasks.fromOxfordTrimap(trimap).labels()).containsExactly(12, 0, (byte) 255);
    }
}
