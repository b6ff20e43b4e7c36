package io.visionstreams.batching;

import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The pending store's value: the input record's coordinates only. Keeping the image bytes there
 * too would write every image a second time (changelog and store): measured here, that alone
 * cost a fifth of the pipeline's throughput.
 */
final class PendingFrames {

    private PendingFrames() {}

    static byte[] encode(SourceRecord s) {
        return Serdes.PENDING_FRAME.encode(new PendingFrame(s.topic(), s.partition(), s.offset(), s.timestamp()));
    }

    static PendingFrame decode(byte[] bytes) {
        try {
            return Serdes.PENDING_FRAME.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("corrupt pending entry in the state store", e);
        }
    }
}
