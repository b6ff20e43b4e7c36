package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Formats are told from their first bytes alone. */
class ImageFormatTest {

    @Test
    void recognisesEachDecodableFormatFromItsMagicBytes() {
        assertThat(ImageFormat.sniff(TestImages.jpeg(TestImages.redTopLeft(8, 8)))).isEqualTo(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(TestImages.encode(".png", TestImages.redTopLeft(8, 8)))).isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(TestImages.encode(".bmp", TestImages.redTopLeft(8, 8)))).isEqualTo(ImageFormat.BMP);
        assertThat(ImageFormat.sniff(TestImages.encode(".webp", TestImages.redTopLeft(8, 8)))).isEqualTo(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff(TestImages.twoFrameGif(4, 4))).isEqualTo(ImageFormat.GIF);
    }

    @Test
    void recognisesButDoesNotDecodeTiffJpeg2000AndHeif() {
        assertThat(ImageFormat.sniff(TestImages.encode(".tiff", TestImages.redTopLeft(8, 8)))).isEqualTo(ImageFormat.TIFF);
        assertThat(ImageFormat.sniff(TestImages.encode(".jp2", TestImages.redTopLeft(64, 64)))).isEqualTo(ImageFormat.JPEG2000);
        assertThat(ImageFormat.sniff(ascii("\0\0\0\u0018ftypheic\0\0\0\0"))).isEqualTo(ImageFormat.HEIF);
        assertThat(ImageFormat.TIFF.decodable()).isFalse();
        assertThat(ImageFormat.JPEG2000.decodable()).isFalse();
        assertThat(ImageFormat.HEIF.decodable()).isFalse();
    }

    @Test
    void recognisesNothingInTextOrFormatsOpenCvWouldOtherwiseTry() {
        assertThat(ImageFormat.sniff(ascii("GIF8"))).isNull();
        assertThat(ImageFormat.sniff(ascii("P6\n2 2\n255\n"))).isNull(); // PPM: OpenCV decodes it, we do not
        assertThat(ImageFormat.sniff(ascii("#?RADIANCE\n"))).isNull();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
        assertThat(ImageFormat.sniff(new byte[0])).isNull();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
