package io.visionstreams.ingest;

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

    /** Room left for the key, headers, message and the other fields. */
    private static final int ENVELOPE_BYTES = 16 * 1024;

    private DeadLetters() {}

    /**
     * @param maxRecordBytes the largest value this application writes; an original value that would not fit
     *                       is left out (original_value_omitted), the coordinates still say where it is
     */
    public static DeadLetter of(SourceRecord source, String eventId, Stage stage, String reason, String message,
                                String task, Instant failedAt, int maxRecordBytes) {
        List<Header> headers = new ArrayList<>(source.headers().size());
        for (SourceRecord.Header h : source.headers()) {
            headers.add(new Header(h.key(), wrap(h.value())));
        }
        int size = length(source.key()) + length(source.value());
        for (SourceRecord.Header h : source.headers()) {
            size += h.key().length() + length(h.value());
        }
        boolean omit = source.value() != null && size + ENVELOPE_BYTES > maxRecordBytes;
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
                .setOriginalValue(omit ? null : wrap(source.value()))
                .setOriginalValueOmitted(omit)
                .setHeaders(headers)
                .setTask(task)
                .build();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
