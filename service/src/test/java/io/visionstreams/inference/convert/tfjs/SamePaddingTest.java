package io.visionstreams.inference.convert.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamePaddingTest {

    @Test
    void evenInputWithStrideTwoIsUnevenAndTakesTheLargerPadOnBothSides() {
        // TF pads 300 -> 150 with (0 before, 1 after); flipped, pad 1 both sides lands on the same grid
        assertThat(SamePadding.uneven("SAME", 300, 3, 2)).isTrue();
        assertThat(SamePadding.flippedPad("SAME", 300, 3, 2)).isEqualTo(1);
        assertThat(SamePadding.outputSize("SAME", 300, 3, 2)).isEqualTo(150);
        assertThat(SamePadding.uneven("SAME", 2, 3, 2)).isTrue();
        assertThat(SamePadding.outputSize("SAME", 2, 3, 2)).isEqualTo(1);
    }

    @Test
    void oddInputsAndStrideOneAreSymmetricAlready() {
        assertThat(SamePadding.uneven("SAME", 75, 3, 2)).isFalse();
        assertThat(SamePadding.flippedPad("SAME", 75, 3, 2)).isEqualTo(1);
        assertThat(SamePadding.outputSize("SAME", 75, 3, 2)).isEqualTo(38);
        assertThat(SamePadding.flippedPad("SAME", 19, 3, 1)).isEqualTo(1);
        assertThat(SamePadding.flippedPad("SAME", 19, 1, 1)).isZero();
    }

    @Test
    void validPaddingThatDropsTrailingRowsIsRefused() {
        assertThat(SamePadding.flippedPad("VALID", 5, 3, 2)).isZero();
        assertThatThrownBy(() -> SamePadding.flippedPad("VALID", 6, 3, 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
