package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.visionstreams.bench.CameraFrames;
import io.visionstreams.testing.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system's TurboJPEG (SIMD) decodes every JPEG to exactly the pixels OpenCV's libjpeg-turbo does:
 * the sample photographs, camera-like frames, rotated (EXIF) and DCT-reduced decodes. Skipped where
 * libturbojpeg is not installed (`.ci/run` installs it).
 */
class TurboJpegParityTest {

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(TurboJpeg.available(), "libturbojpeg0 is not installed");
    }

    @Test
    void decodesEverySampleJpegAndCameraFrameToTheSamePixelsAsOpenCv() throws Exception {
        // given the sample images that are JPEGs, and every sample made into a 640x480 camera frame (quality 90)
        ImageDecoder turbo = new ImageDecoder();
        ImageDecoder openCv = turbo.withOpenCvOnly();
        assertThat(turbo.jpegDecoder()).isEqualTo("turbojpeg-simd");
        assertThat(openCv.jpegDecoder()).isEqualTo("opencv");
        List<Path> samples;
        try (Stream<Path> files = Files.list(SampleImages.datasets().resolve("images"))) {
            samples = files.filter(f -> f.toString().matches(".*\\.(jpg|png|bmp)")).sorted().toList();
        }
        List<byte[]> jpegs = new ArrayList<>();
        for (Path sample : samples) {
            byte[] bytes = Files.readAllBytes(sample);
            if (sample.toString().endsWith(".jpg")) {
                jpegs.add(bytes);
            }
            jpegs.add(CameraFrames.jpeg(ImageResize.bilinear(openCv.decode(bytes), 640, 480), 90));
        }
        assertThat(jpegs).hasSizeGreaterThan(40);
        for (byte[] bytes : jpegs) {
            String jpeg = bytes.length + "-byte JPEG";
            // when decoded by both
            RgbImage fast = turbo.decode(bytes);
            RgbImage reference = openCv.decode(bytes);
            // then the same size and the same bytes
            assertThat(List.of(fast.width(), fast.height())).as(jpeg)
                    .isEqualTo(List.of(reference.width(), reference.height()));
            assertThat(fast.pixels()).as(jpeg).isEqualTo(reference.pixels());
        }
    }

    @Test
    void decodesRotatedAndReducedCameraFramesToTheSamePixelsAsOpenCv() throws Exception {
        // given a 1920x1080 camera frame at quality 90, and the same with EXIF orientations 3 and 6
        RgbImage cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
        byte[] frame = CameraFrames.jpeg(ImageResize.bilinear(cat, 1920, 1080), 90);
        ImageDecoder reducing = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 224);
        for (byte[] bytes : List.of(frame, TestImages.withExifOrientation(frame, 3), TestImages.withExifOrientation(frame, 6))) {
            for (ImageDecoder turbo : List.of(new ImageDecoder(), reducing)) {
                // when decoded by TurboJPEG and by OpenCV, at full size and reduced for a 224-pixel model
                RgbImage fast = turbo.decode(bytes);
                RgbImage reference = turbo.withOpenCvOnly().decode(bytes);
                // then identical images, sizes included
                assertThat(List.of(fast.width(), fast.height(), fast.originalWidth(), fast.originalHeight()))
                        .isEqualTo(List.of(reference.width(), reference.height(), reference.originalWidth(),
                                reference.originalHeight()));
                assertThat(fast.pixels()).isEqualTo(reference.pixels());
            }
        }
    }
}
