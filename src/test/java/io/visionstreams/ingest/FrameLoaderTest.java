package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.ingest.DecodeException.Stage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event's frame comes from its inline bytes, else from its claim check; never from content_type. */
class FrameLoaderTest {

    private static final byte[] PNG = TestImages.encode(".png", TestImages.redTopLeft(12, 10));

    @TempDir
    Path dir;

    private final FrameLoader loader = new FrameLoader(new ImageFetcher(), new ImageDecoder());

    @Test
    void decodesInlineBytesWhateverTheClaimedContentType() throws Exception {
        ImageEvent event = event().setContentType("image/jpeg").setImage(ByteBuffer.wrap(PNG)).build();

        RgbImage frame = loader.load(event);

        assertThat(frame.width()).isEqualTo(12);
        assertThat(event.getImage().remaining()).as("event buffer untouched").isEqualTo(PNG.length);
    }

    @Test
    void fetchesTheClaimCheckWhenThereAreNoInlineBytes() throws Exception {
        Path file = Files.write(dir.resolve("frame.png"), PNG);
        ImageEvent event = event().setImageUri(file.toUri().toString()).build();

        assertThat(loader.load(event).height()).isEqualTo(10);
    }

    @Test
    void deadLettersAnEventWithNeitherImageNorUriAsEmptyPayload() {
        assertRejected(() -> loader.load(event().build()), Stage.DECODE, Reasons.EMPTY_PAYLOAD);
    }

    @Test
    void reportsAnUnreadableClaimCheckAtStageFetch() {
        ImageEvent event = event().setImageUri(dir.resolve("gone.png").toUri().toString()).build();

        assertRejected(() -> loader.load(event), Stage.FETCH, Reasons.NOT_FOUND);
    }

    private static ImageEvent.Builder event() {
        return ImageEvent.newBuilder().setEventId("e-1").setSourceId("camera-1").setCapturedAt(Instant.EPOCH);
    }
}
