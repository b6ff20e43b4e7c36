package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.DeepExifPng;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EXIF is read from a bounded number of IFDs: a chain of 50,000 (metadata-extractor issue 559,
 * a StackOverflowError there) is a corrupt image, never an Error escaping the decoder or the loader.
 */
class DeepExifTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void deadLettersPngWhoseExifChainsFiftyThousandIfdsAsCorrupt() {
        byte[] png = DeepExifPng.png(DeepExifPng.REVIEW_DEPTH);
        assertThat(png.length).isGreaterThan(900_000);

        ImageDecoderRejectionTest.assertRejected(() -> decoder.decode(png),
                DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE);
    }

    @Test
    void deadLettersJpegWhoseExifChainsManyIfdsAsCorrupt() {
        byte[] tiff = DeepExifPng.chainedIfds(3_000); // an APP1 segment holds at most 64 KB
        byte[] jpeg = TestImages.withExifTiff(TestImages.jpeg(TestImages.redTopLeft(16, 16)), tiff);

        ImageDecoderRejectionTest.assertRejected(() -> decoder.decode(jpeg),
                DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE);
    }

    @Test
    void stillReadsOrientationOfAShortChain() throws DecodeException {
        // IFD0 (orientation 1) followed by a thumbnail IFD, as cameras write
        byte[] png = DeepExifPng.png(2);

        RgbImage image = decoder.decode(png);

        assertThat(image.width()).isEqualTo(32);
        assertThat(image.height()).isEqualTo(24);
    }

    @Test
    void loaderTurnsTheDeepChainIntoADecodeDeadLetter() {
        FrameLoader loader = new FrameLoader(new ImageFetcher(), decoder);
        ImageEvent event = ImageEvent.newBuilder().setEventId("deep-exif.png").setSourceId("test")
                .setCapturedAt(Instant.parse("2026-01-01T00:00:00Z")).setContentType("image/png")
                .setImage(ByteBuffer.wrap(DeepExifPng.png(DeepExifPng.REVIEW_DEPTH))).setImageUri(null)
                .setAttributes(Map.of()).build();
        SourceRecord record = new SourceRecord("vision.image-events", 0, 7L, 0L, null, Serdes.IMAGE_EVENT.encode(event),
                List.of());

        assertThatThrownBy(() -> loader.load(record)).isInstanceOfSatisfying(InputRejected.class, e -> {
            assertThat(e.stage()).isEqualTo(Stage.DECODE);
            assertThat(e.reason()).isEqualTo(Reasons.CORRUPT_IMAGE);
            assertThat(e.eventId()).isEqualTo("deep-exif.png");
        });
    }
}
