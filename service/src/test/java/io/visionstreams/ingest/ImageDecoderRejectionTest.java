package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.ingest.DecodeException.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Scalar;

/** Bad input becomes a DecodeException with a stage and a stable reason, before any costly work. */
class ImageDecoderRejectionTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final byte[] jpeg = TestImages.jpeg(TestImages.redTopLeft(64, 48));
    private final byte[] png = TestImages.encode(".png", TestImages.redTopLeft(64, 48));

    @Test
    void deadLettersZeroBytesAsEmptyPayload() {
        assertRejected(() -> decoder.decode(new byte[0]), Stage.DECODE, Reasons.EMPTY_PAYLOAD);
        assertRejected(() -> decoder.decode(null), Stage.DECODE, Reasons.EMPTY_PAYLOAD);
    }

    @Test
    void deadLettersRandomBytesAsUnknownFormat() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x00; // a random first byte could be a magic one

        assertRejected(() -> decoder.decode(noise), Stage.DECODE, Reasons.UNKNOWN_FORMAT);
    }

    @Test
    void deadLettersTextNamedJpgAsUnknownFormat() {
        // given what a misconfigured producer sends as "photo.jpg", content_type image/jpeg
        byte[] text = "<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> decoder.decode(text), Stage.DECODE, Reasons.UNKNOWN_FORMAT);
    }

    @Test
    void deadLettersTextStartingWithBmAsUnknownFormat() {
        byte[] text = "BMW parts list, version 2, with enough text".getBytes(StandardCharsets.US_ASCII);

        assertRejected(() -> decoder.decode(text), Stage.DECODE, Reasons.UNKNOWN_FORMAT);
    }

    @Test
    void deadLettersTiffAsUnsupportedFormat() {
        byte[] tiff = TestImages.encode(".tiff", TestImages.redTopLeft(8, 8));

        assertRejected(() -> decoder.decode(tiff), Stage.DECODE, Reasons.UNSUPPORTED_FORMAT);
    }

    @Test
    void rejectsPayloadOverTheByteLimitBeforeDecoding() {
        ImageDecoder small = new ImageDecoder(1000, ImageDecoder.DEFAULT_MAX_PIXELS);

        assertRejected(() -> small.decode(Arrays.copyOf(png, 1001)), Stage.VALIDATE, Reasons.TOO_LARGE);
    }

    @Test
    void rejectsPngHeaderClaiming100000x100000BeforeAllocating() {
        // given a valid small PNG whose IHDR (CRC fixed) claims 10^10 pixels: 30 GB if allocated
        byte[] bomb = TestImages.withPngSize(png, 100_000, 100_000);

        long start = System.nanoTime();
        assertRejected(() -> decoder.decode(bomb), Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void rejectsPngHeaderJustOverFiftyMegapixelsBeforeAllocating() {
        // 10000 x 5001 = 50.01 MP: under OpenCV's own 2^30 bound, so only our limit stands in the way
        assertRejected(() -> decoder.decode(TestImages.withPngSize(png, 10_000, 5_001)),
                Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
    }

    @Test
    void rejectsJpegHeaderClaimingHugeSizeBeforeAllocating() {
        assertRejected(() -> decoder.decode(TestImages.withJpegSize(jpeg, 60_000, 60_000)),
                Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
    }

    @Test
    void rejectsGifHeaderClaimingHugeSizeBeforeAllocating() {
        assertRejected(() -> decoder.decode(TestImages.withGifSize(TestImages.twoFrameGif(8, 4), 65_535, 65_535)),
                Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
    }

    @Test
    void rejectsAWideSideOverOpenCvsBoundEvenUnderThePixelLimit() {
        // 2^20 + 1 by 1 is only ~1 MP, but OpenCV would throw on it
        assertRejected(() -> decoder.decode(TestImages.withPngSize(png, (1 << 20) + 1, 1)),
                Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
    }

    @Test
    void acceptsAnImageAtThePixelLimitAndRejectsOneOver() throws Exception {
        ImageDecoder limited = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, 100);
        byte[] tenByTen = TestImages.encode(".png", TestImages.filled(10, 10, CvType.CV_8UC3, new Scalar(1, 2, 3)));
        byte[] elevenByTen = TestImages.encode(".png", TestImages.filled(11, 10, CvType.CV_8UC3, new Scalar(1, 2, 3)));

        assertThat(limited.decode(tenByTen).width()).isEqualTo(10);
        assertRejected(() -> limited.decode(elevenByTen), Stage.VALIDATE, Reasons.TOO_MANY_PIXELS);
    }

    @Test
    void deadLettersJpegTruncatedAtHalfItsLength() {
        // libjpeg would return a full-size frame with the missing half filled in, warning only on stderr
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertRejected(() -> decoder.decode(half), Stage.DECODE, Reasons.TRUNCATED);
    }

    @Test
    void deadLettersProgressiveJpegTruncatedAtHalfItsLength() throws Exception {
        byte[] parrot = java.nio.file.Files.readAllBytes(ReferenceParityTest.image("parrot.jpg"));
        java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(parrot));
        byte[] progressive = TestImages.progressiveJpeg(source);

        assertThat(decoder.decode(progressive).width()).isEqualTo(source.getWidth());
        assertRejected(() -> decoder.decode(Arrays.copyOf(progressive, progressive.length / 2)),
                Stage.DECODE, Reasons.TRUNCATED);
    }

    @Test
    void deadLettersJpegMissingOnlyItsEndMarker() {
        assertRejected(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 2)), Stage.DECODE, Reasons.TRUNCATED);
    }

    @Test
    void acceptsJpegWithBytesAfterItsEndMarker() throws Exception {
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 100); // as some cameras append

        assertThat(decoder.decode(trailing).width()).isEqualTo(64);
    }

    @Test
    void deadLettersPngCutInsideItsDataAsTruncated() {
        assertRejected(() -> decoder.decode(Arrays.copyOf(png, png.length / 2)), Stage.DECODE, Reasons.TRUNCATED);
    }

    @Test
    void deadLettersGifCutInsideItsFirstFrameAsTruncated() {
        byte[] gif = TestImages.twoFrameGif(64, 48);
        byte[] cutInSecondFrame = Arrays.copyOf(gif, gif.length - 3); // trailer, terminator, one data byte

        assertRejected(() -> decoder.decode(Arrays.copyOf(gif, 60)), Stage.DECODE, Reasons.TRUNCATED);
        assertThatCode(() -> decoder.decode(cutInSecondFrame)).as("only the first frame is decoded")
                .doesNotThrowAnyException();
    }

    @Test
    void deadLettersPngWithCorruptedCrcAsCorruptImage() {
        byte[] badCrc = png.clone();
        int idat = TestImages.indexOf(badCrc, "IDAT");
        int length = java.nio.ByteBuffer.wrap(badCrc, idat - 4, 4).getInt();
        badCrc[idat + 4 + length] ^= 0x01; // first CRC byte of the IDAT chunk

        assertRejected(() -> decoder.decode(badCrc), Stage.DECODE, Reasons.CORRUPT_IMAGE);
    }

    @Test
    void deadLettersPngWithCorruptedIdatAsCorruptImage() {
        byte[] badData = png.clone();
        int idat = TestImages.indexOf(badData, "IDAT");
        for (int i = idat + 6; i < idat + 16; i++) {
            badData[i] ^= 0x5A; // inside the zlib stream
        }

        assertRejected(() -> decoder.decode(badData), Stage.DECODE, Reasons.CORRUPT_IMAGE);
    }

    @Test
    void deadLettersJpegMagicFollowedByGarbageAsCorruptImage() {
        byte[] garbage = new byte[2000];
        new Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        garbage[garbage.length - 2] = (byte) 0xFF;
        garbage[garbage.length - 1] = (byte) 0xD9;

        assertThatThrownBy(() -> decoder.decode(garbage)).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.reason()).isIn(Reasons.CORRUPT_IMAGE, Reasons.TRUNCATED));
    }

    @Test
    void refusesLimitsThatCannotWork() {
        assertThatThrownBy(() -> new ImageDecoder(0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vision.decode.max-bytes");
        assertThatThrownBy(() -> new ImageDecoder(100, 1L << 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vision.decode.max-pixels");
    }

    static void assertRejected(ThrowingCallable call, Stage stage, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DecodeException.class, e -> {
            assertThat(e.stage()).as("stage of: %s", e.getMessage()).isEqualTo(stage);
            assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
