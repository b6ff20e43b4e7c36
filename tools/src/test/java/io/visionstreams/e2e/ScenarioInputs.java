package io.visionstreams.e2e;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.ingest.Reasons;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * What the scenario sends, in order, and what each input must become: good images (inline and
 * one claim check), then one input of every kind of bad, then a last good image.
 */
final class ScenarioInputs {

    /** {@code vision.decode.max-bytes} of the scenario: {@link #oversizedBmp()} is a valid image above it. */
    static final long MAX_BYTES = 1024 * 1024;
    static final String CLAIM_CHECKED = "hot_dog.jpg";
    static final String LAST = "bird.bmp";

    /**
     * One record to send.
     *
     * @param eventId null when the value is not an ImageEvent
     * @param stage   null for a good input (a result per task); else the dead letter's stage and reason
     */
    record Input(String eventId, String sourceId, Instant capturedAt, byte[] key, byte[] value, List<Header> headers,
                 Stage stage, String reason) {

        boolean good() {
            return stage == null;
        }
    }

    private final Instant capturedBase;
    private final ClaimCheckServer claims;
    private final List<Input> inputs = new ArrayList<>();

    private ScenarioInputs(Instant capturedBase, ClaimCheckServer claims) {
        this.capturedBase = capturedBase;
        this.claims = claims;
    }

    /** The inputs in sending order; {@code claims} must serve {@link #CLAIM_CHECKED}. */
    static List<Input> all(Instant capturedBase, ClaimCheckServer claims) throws IOException {
        ScenarioInputs s = new ScenarioInputs(capturedBase, claims);
        s.good("cat.bmp", "camera-1");
        s.good("parrot.jpg", "camera-1");
        s.good("000000000036.jpg", "camera-2");
        s.good("20_image.png", "camera-2");
        s.good("grace_hopper.bmp", "camera-3");
        s.add(s.event(CLAIM_CHECKED, "uploads", null, claims.uri(CLAIM_CHECKED)), null, null);

        s.add(s.event("empty.jpg", "camera-1", new byte[0], null), Stage.DECODE, Reasons.EMPTY_PAYLOAD);
        s.add(s.event("notes.jpg", "camera-1", "meeting notes, not a JPEG\n".getBytes(StandardCharsets.UTF_8), null),
                Stage.DECODE, Reasons.UNKNOWN_FORMAT);
        s.add(s.event("large.bmp", "camera-2", oversizedBmp(), null), Stage.VALIDATE, Reasons.TOO_LARGE);
        byte[] parrot = SampleImages.bytes("parrot.jpg");
        s.add(s.event("parrot-half.jpg", "camera-2", Arrays.copyOf(parrot, parrot.length / 2), null),
                Stage.DECODE, Reasons.TRUNCATED);
        s.notAnEvent();
        s.capturedAt("clock-ahead.jpg", Instant.now().plus(Duration.ofDays(2))); // over 1 h ahead: brokers refuse it
        s.capturedAt("before-1970.jpg", Instant.EPOCH.minusSeconds(1)); // Kafka timestamps are never negative
        s.add(s.event("missing.jpg", "uploads", null, claims.uri("missing.jpg")), Stage.FETCH, Reasons.NOT_FOUND);

        s.good(LAST, "camera-1");
        return List.copyOf(s.inputs);
    }

    private void good(String file, String source) throws IOException {
        add(event(file, source, SampleImages.bytes(file), null), null, null);
    }

    private void capturedAt(String id, Instant captured) throws IOException {
        ImageEvent e = event(id, "camera-3", SampleImages.bytes("parrot.jpg"), null);
        e.setCapturedAt(captured);
        add(e, Stage.VALIDATE, Reasons.CAPTURED_AT_OUT_OF_RANGE);
    }

    private ImageEvent event(String id, String source, byte[] image, String uri) {
        return ImageEvent.newBuilder().setEventId(id).setSourceId(source)
                .setCapturedAt(capturedBase.plusSeconds(inputs.size()))
                .setContentType(id.endsWith(".jpg") ? "image/jpeg" : null)
                .setImage(image == null ? null : ByteBuffer.wrap(image)).setImageUri(uri)
                .setAttributes(Map.of("scenario", "e2e")).build();
    }

    private void add(ImageEvent e, Stage stage, String reason) {
        inputs.add(new Input(e.getEventId(), e.getSourceId(), e.getCapturedAt(),
                e.getSourceId().getBytes(StandardCharsets.UTF_8), Serdes.IMAGE_EVENT.encode(e), List.of(), stage, reason));
    }

    /** Bytes that are no ImageEvent, with headers (a repeated key, a null value) the dead letter must keep in order. */
    private void notAnEvent() {
        List<Header> headers = List.of(new RecordHeader("trace-id", "t-1".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("retry", null), new RecordHeader("trace-id", "t-2".getBytes(StandardCharsets.UTF_8)));
        inputs.add(new Input(null, null, null, "legacy-producer".getBytes(StandardCharsets.UTF_8),
                "{\"image\": \"cat.bmp\"}".getBytes(StandardCharsets.UTF_8), headers, Stage.DESERIALIZE,
                "NOT_AN_IMAGE_EVENT"));
    }

    /** A valid 800x600 24-bit BMP of 1.4 MB, over {@link #MAX_BYTES}. */
    static byte[] oversizedBmp() throws IOException {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 128);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "bmp", out)) {
            throw new IOException("no BMP writer");
        }
        return out.toByteArray();
    }
}
