package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decode path (format sniffing, truncation checks, header and EXIF
 * parsing, OpenCV / ImageIO decoding, orientation): whatever the bytes, a frame within the limits
 * or a {@link DecodeException}, never another exception. In {@code mvn verify} the committed inputs
 * ({@code ImageDecoderFuzzTestInputs/}: one valid image per format, EXIF orientations, pixel bombs,
 * and what fuzzing found) run as regression tests; {@code JAZZER_FUZZ=1} fuzzes (README "Security").
 */
class ImageDecoderFuzzTest {

    private static final long MAX_PIXELS = 4_000_000;
    private static final ImageDecoder DECODER = new ImageDecoder(1024 * 1024, MAX_PIXELS);

    @FuzzTest(maxDuration = "5m")
    void decodesAFrameOrRefusesItWithAReason(byte[] bytes) {
        try {
            RgbImage frame = DECODER.decode(bytes);
            assertThat((long) frame.width() * frame.height()).isPositive().isLessThanOrEqualTo(MAX_PIXELS);
            assertThat(frame.pixels()).hasSize(frame.width() * frame.height() * 3);
        } catch (DecodeException refused) {
            assertThat(refused.reason()).isNotBlank();
            assertThat(refused.stage()).isNotNull();
        }
    }
}
