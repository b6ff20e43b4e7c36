package io.visionstreams.client.camera;

import io.visionstreams.avro.ImageEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** A kept frame as an ImageEvent: JPEG bytes, the given id and capture time (to the millisecond), attributes. */
final class FrameEvents {

    private FrameEvents() {}

    /** @param keyValues the frame's own attributes (video, frame, ...), in pairs; the options' are added over them */
    static ImageEvent event(String eventId, VideoOptions options, Instant capturedAt, byte[] jpeg,
            String... keyValues) {
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            all.put(keyValues[i], keyValues[i + 1]);
        }
        all.putAll(options.attributes());
        return ImageEvent.newBuilder()
                .setEventId(eventId)
                .setSourceId(options.sourceId())
                .setCapturedAt(capturedAt.truncatedTo(ChronoUnit.MILLIS))
                .setContentType("image/jpeg")
                .setImage(ByteBuffer.wrap(jpeg))
                .setImageUri(null)
                .setAttributes(all)
                .build();
    }
}
