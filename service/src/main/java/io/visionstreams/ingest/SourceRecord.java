package io.visionstreams.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * The coordinates and raw bytes of one input record, kept untouched so that any failure can be
 * traced (topic, partition, offset) and replayed (key, value, headers) from its dead letter.
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           List<Header> headers) {

    /** One record header; keys may repeat. */
    public record Header(String key, byte[] value) {}

    public SourceRecord {
        headers = List.copyOf(headers);
    }

    /** Kafka record headers as a list, in order. */
    public static List<Header> headersOf(Headers headers) {
        List<Header> out = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : headers) {
            out.add(new Header(h.key(), h.value()));
        }
        return out;
    }

    /** {@code topic-partition@offset}, for log lines. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
