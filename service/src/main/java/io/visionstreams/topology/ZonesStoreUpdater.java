package io.visionstreams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@code zones} store equal to the compacted vision.zones topic: key source_id (or {@code *}),
 * value the record's bytes as published, a tombstone deletes. Bytes are checked where they are read
 * ({@link ZonesTable}), so a restore that copies the topic into the store unprocessed behaves the same.
 */
final class ZonesStoreUpdater implements Processor<byte[], byte[], Void, Void> {

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Names.ZONES_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            return; // a table row needs a key; nothing to apply
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            store.delete(key);
        } else {
            ZonesTable.parse(key, record.value()); // warns now, while the operator is looking
            store.put(key, record.value());
        }
    }
}
