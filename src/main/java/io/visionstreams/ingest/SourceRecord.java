package io.visionstreams.ingest;

import java.util.List;

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

    /** {@code topic-partition@offset}, for log lines. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
