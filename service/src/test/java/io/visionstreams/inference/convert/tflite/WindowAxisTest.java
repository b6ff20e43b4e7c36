package io.visionstreams.inference.convert.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.convert.tflite.OpOptions.Padding;
import org.junit.jupiter.api.Test;

class WindowAxisTest {

    @Test
    void stride2SameOnEvenInputPadsOnlyAfterAndNeedsTheFlipForSymmetricPadding() {
        // given: MobileNetV2's first layer, 224 -> 112 with a 3-wide kernel (TF pads 0 before, 1 after)
        WindowAxis axis = WindowAxis.of(224, 3, 2, 1, Padding.SAME);

        // then
        assertThat(axis.out()).isEqualTo(112);
        assertThat(axis.before()).isZero();
        assertThat(axis.symmetricPad(false)).isEqualTo(-1);
        assertThat(axis.symmetricPad(true)).isEqualTo(1);
        assertThat(axis.explicitPad(false)).containsExactly(0, 1);
        assertThat(axis.explicitPad(true)).containsExactly(1, 0);
    }

    @Test
    void stride2SameOnOddInputIsSymmetricInBothDomains() {
        // given: DeepLab at 513 -> 257
        WindowAxis axis = WindowAxis.of(513, 3, 2, 1, Padding.SAME);

        assertThat(axis.out()).isEqualTo(257);
        assertThat(axis.symmetricPad(false)).isEqualTo(1);
        assertThat(axis.symmetricPad(true)).isEqualTo(1);
    }

    @Test
    void dilatedStride1SamePadsHalfTheEffectiveKernel() {
        // given: a 3x3 kernel with dilation 2 spans 5 inputs
        WindowAxis axis = WindowAxis.of(33, 3, 1, 2, Padding.SAME);

        assertThat(axis.out()).isEqualTo(33);
        assertThat(axis.symmetricPad(false)).isEqualTo(2);
        assertThat(axis.symmetricPad(true)).isEqualTo(2);
    }

    @Test
    void windowThatSkipsTheLastInputCannotBeFlippedWithoutACrop() {
        // given: 1x1 stride 2 on an even input reads inputs 0, 2, 4 and never the last one
        WindowAxis axis = WindowAxis.of(6, 1, 2, 1, Padding.SAME);

        assertThat(axis.symmetricPad(false)).isZero();
        assertThat(axis.symmetricPad(true)).isEqualTo(-1);
        assertThatThrownBy(() -> axis.explicitPad(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validPoolingOverTheWholeMapIsOneWindow() {
        WindowAxis axis = WindowAxis.of(7, 7, 1, 1, Padding.VALID);

        assertThat(axis.out()).isEqualTo(1);
        assertThat(axis.symmetricPad(false)).isZero();
        assertThat(axis.symmetricPad(true)).isZero();
    }

    @Test
    void kernelLargerThanTheUnpaddedInputNeedsThePadItReads() {
        // given: SSD's last 3x3 stride-2 layer, 2x2 in, 1x1 out; TF pads (0, 1)
        WindowAxis axis = WindowAxis.of(2, 3, 2, 1, OpOptions.Padding.SAME);

        // then: no symmetric pad reproduces (0, 1) unflipped; flipped, a symmetric 1 does
        assertThat(axis.out()).isEqualTo(1);
        assertThat(axis.symmetricPad(false)).isEqualTo(-1);
        assertThat(axis.symmetricPad(true)).isEqualTo(1);
        assertThat(axis.explicitPad(false)).containsExactly(0, 1);
    }
}
