package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderFormatsTest.rgb;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EXIF orientation (1-8) is applied explicitly and comes out as {@code imread} shows it. The
 * source is stored 32 wide and 16 high, white, with a red 8x8 block in its stored top-left corner.
 */
class ImageDecoderOrientationTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final byte[] storedJpeg = TestImages.jpeg(TestImages.redTopLeft(32, 16));

    @Test
    void rotatesExifOrientation6Upright() throws Exception {
        // given a JPEG tagged "rotate 90 CW to display", stored with red at its top-left
        byte[] jpeg = TestImages.withExifOrientation(storedJpeg, 6);

        // when
        RgbImage image = decoder.decode(jpeg);

        // then it stands upright: 16 wide, 32 high, red at the top-right
        assertThat(image.width()).isEqualTo(16);
        assertThat(image.height()).isEqualTo(32);
        assertThat(rgb(image, 13, 2)).satisfies(ImageDecoderOrientationTest::isRed);
        assertThat(rgb(image, 2, 2)).satisfies(ImageDecoderOrientationTest::isWhite);
    }

    @ParameterizedTest(name = "orientation {0}: {1}x{2}, red at ({3},{4})")
    @CsvSource({
        "1, 32, 16,  2,  2",
        "2, 32, 16, 29,  2",
        "3, 32, 16, 29, 13",
        "4, 32, 16,  2, 13",
        "5, 16, 32,  2,  2",
        "6, 16, 32, 13,  2",
        "7, 16, 32, 13, 29",
        "8, 16, 32,  2, 29"})
    void appliesEveryExifOrientationAsImreadDoes(int orientation, int width, int height, int redX, int redY)
            throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(storedJpeg, orientation);

        RgbImage image = decoder.decode(jpeg);

        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(rgb(image, redX, redY)).satisfies(ImageDecoderOrientationTest::isRed);
        assertThat(image.pixels()).as("identical to OpenCV's own EXIF handling")
                .isEqualTo(TestImages.imreadRgb(jpeg).pixels());
    }

    @Test
    void rotatesPngExifChunkOrientation6Upright() throws Exception {
        byte[] png = TestImages.pngWithExifOrientation(TestImages.encode(".png", TestImages.redTopLeft(32, 16)), 6);

        RgbImage image = decoder.decode(png);

        assertThat(image.width()).isEqualTo(16);
        assertThat(rgb(image, 13, 2)).containsExactly(255, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, 255})
    void ignoresOrientationValuesOutsideOneToEight(int orientation) throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(storedJpeg, orientation);

        RgbImage image = decoder.decode(jpeg);

        assertThat(image.width()).isEqualTo(32);
        assertThat(rgb(image, 2, 2)).satisfies(ImageDecoderOrientationTest::isRed);
    }

    private static void isRed(int[] pixel) {
        assertThat(pixel[0]).isGreaterThan(230);
        assertThat(pixel[1]).isLessThan(25);
        assertThat(pixel[2]).isLessThan(25);
    }

    private static void isWhite(int[] pixel) {
        assertThat(java.util.Arrays.stream(pixel).min().getAsInt()).isGreaterThan(230);
    }
}
