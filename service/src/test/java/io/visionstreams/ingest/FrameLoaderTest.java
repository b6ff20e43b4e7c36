package io.visionstreams.ingest;

import static io.visionstreams.ingest.ImageDecoderRejectionTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.ingest.DecodeException.Stage;
import io.visionstreams.results.Serdes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event's frame comes from its inline bytes, else from its claim check; never from content_type. */
class FrameLoaderTest {

    private static final byte[] PNG = TestImages.encode(".png", TestImages.redTopLeft(12, 10));

    @TempDir
    Path dir;

    private FrameLoader loader;

    @BeforeEach
    void loaderReadingFilesUnderTheTemporaryFolder() {
        loader = new FrameLoader(new ImageFetcher(FetchPolicy.defaults().withFileRoot(dir)), new ImageDecoder());
    }

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

    @Test
    void rejectsACapturedAtKafkaRefusesAsARecordTimestamp() throws Exception {
        for (Instant refused : List.of(Instant.now().plus(Duration.ofHours(2)), Instant.EPOCH.minusMillis(1))) {
            ImageEvent event = event().setImage(ByteBuffer.wrap(PNG)).setCapturedAt(refused).build();

            InputRejected rejected = catchThrowableOfType(InputRejected.class, () -> loader.load(record(event)));

            assertThat(rejected.stage()).as(refused.toString()).isEqualTo(io.visionstreams.avro.Stage.VALIDATE);
            assertThat(rejected.reason()).isEqualTo(Reasons.CAPTURED_AT_OUT_OF_RANGE);
            assertThat(rejected.eventId()).isEqualTo("e-1");
        }
        for (Instant accepted : List.of(Instant.now().plus(Duration.ofMinutes(10)), Instant.EPOCH)) {
            ImageEvent event = event().setImage(ByteBuffer.wrap(PNG)).setCapturedAt(accepted).build();
            assertThat(loader.load(record(event)).image().width()).as(accepted.toString()).isEqualTo(12);
        }
    }

    private static SourceRecord record(ImageEvent event) {
        return new SourceRecord("events", 0, 0L, 0L, null, Serdes.IMAGE_EVENT.encode(event), List.of());
    }

    private static ImageEvent.Builder event() {
        return ImageEvent.newBuilder().setEventId("e-1").setSourceId("camera-1").setCapturedAt(Instant.EPOCH);
    }
}
