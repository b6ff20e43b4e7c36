package io.visionstreams.results;

import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Header;
import io.visionstreams.avro.Stage;
import io.visionstreams.ingest.SourceRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the dead letter of a failed input: stage, reason code, message, original bytes and coordinates. */
public final class DeadLetters {

    private DeadLetters() {}

    public static DeadLetter of(SourceRecord source, String eventId, Stage stage, String reason, String message,
                                String task, Instant failedAt) {
        List<Header> headers = new ArrayList<>(source.headers().size());
        for (SourceRecord.Header h : source.headers()) {
            headers.add(new Header(h.key(), wrap(h.value())));
        }
        return DeadLetter.newBuilder()
                .setEventId(eventId)
                .setSourceTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setFailedAt(failedAt)
                .setStage(stage)
                .setReason(reason)
                .setMessage(message == null ? reason : message)
                .setOriginalKey(wrap(source.key()))
                .setOriginalValue(wrap(source.value()))
                .setHeaders(headers)
                .setTask(task)
                .build();
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
