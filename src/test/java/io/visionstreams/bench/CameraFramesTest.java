package io.visionstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.inference.convert.tflite.TfliteTestModels;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The benchmark's camera-like frames are real JPEGs and PNGs of the asked size. */
class CameraFramesTest {

    @Test
    void aSampleImageBecomesA640x480JpegAndA1080pJpegAndAPng() throws Exception {
        // given
        ImageDecoder decoder = new ImageDecoder();
        RgbImage sample = decoder.decode(Files.readAllBytes(TfliteTestModels.datasetsDir().resolve("images/parrot.jpg")));

        // when
        byte[] vga = CameraFrames.jpeg(sample, 640, 480, 90);
        byte[] hd = CameraFrames.jpeg(sample, 1920, 1080, 90);
        byte[] png = CameraFrames.png(sample);

        // then: JPEG and PNG signatures, and the decoder reads them back at the asked size
        assertThat(vga).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(decoder.decode(vga)).extracting(RgbImage::width, RgbImage::height).containsExactly(640, 480);
        assertThat(decoder.decode(hd)).extracting(RgbImage::width, RgbImage::height).containsExactly(1920, 1080);
        RgbImage back = decoder.decode(png);
        assertThat(back.pixels()).isEqualTo(sample.pixels());
    }
}
