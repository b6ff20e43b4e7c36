package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.ingest.RgbImage;
import org.junit.jupiter.api.Test;

class SsdImageInputTest {

    @Test
    void upscalesWithoutHalfPixelCentresAndNormalizesToMinusOneOne() {
        // given: a 2x2 image, red = [[0, 100], [200, 255]], green 255, blue 0
        byte[] px = new byte[12];
        int[] red = {0, 100, 200, 255};
        for (int i = 0; i < 4; i++) {
            px[3 * i] = (byte) red[i];
            px[3 * i + 1] = (byte) 255;
        }
        RgbImage image = new RgbImage(2, 2, px);

        // when: to 4x4, src = dst * 2 / 4
        float[] chw = SsdImageInput.of(image, 4);

        // then: (1,1) samples (0.5, 0.5): top 50, bottom 227.5, centre 138.75 (half-pixel centres
        // would sample (0.25, 0.25) instead); the last row/column clamp to the image
        assertThat(chw[1 * 4 + 1]).isEqualTo(138.75f * 0.007843138f - 1f);
        assertThat(chw[0]).isEqualTo(-1f);
        assertThat(chw[3 * 4 + 3]).isEqualTo(255f * 0.007843138f - 1f);
        assertThat(chw[16 + 5]).isEqualTo(255f * 0.007843138f - 1f);
        assertThat(chw[32 + 5]).isEqualTo(-1f);
    }
}
