package io.visionstreams.batching;

import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;

/** The pending store's value: a source record, kept whole so it can be decoded and submitted again. */
final class PendingFrames {

    private PendingFrames() {}

    static byte[] encode(SourceRecord s) {
        List<String> keys = new ArrayList<>();
        List<ByteBuffer> values = new ArrayList<>();
        for (SourceRecord.Header h : s.headers()) {
            keys.add(h.key());
            values.add(wrap(h.value()));
        }
        return Serdes.PENDING_FRAME.encode(new PendingFrame(s.topic(), s.partition(), s.offset(), s.timestamp(),
                wrap(s.key()), wrap(s.value()), keys, values));
    }

    static PendingFrame decode(byte[] bytes) {
        try {
            return Serdes.PENDING_FRAME.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("corrupt pending entry in the state store", e);
        }
    }

    static SourceRecord toSource(PendingFrame p) {
        List<SourceRecord.Header> headers = new ArrayList<>();
        for (int i = 0; i < p.getHeaderKeys().size(); i++) {
            headers.add(new SourceRecord.Header(p.getHeaderKeys().get(i), bytes(p.getHeaderValues().get(i))));
        }
        return new SourceRecord(p.getTopic(), p.getPartition(), p.getOffset(), p.getTimestamp(), bytes(p.getKey()),
                bytes(p.getValue()), headers);
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
