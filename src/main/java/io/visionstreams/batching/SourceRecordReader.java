package io.visionstreams.batching;

import io.visionstreams.ingest.SourceRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads input records back by offset (to re-submit restored pending frames), with Kafka Streams'
 * own restore-consumer configuration (no group, read_committed under exactly-once).
 */
final class SourceRecordReader {

    private SourceRecordReader() {}

    /** The records at {@code offsets} of one partition; offsets no longer in the log are absent from the result. */
    static Map<Long, SourceRecord> read(Map<String, Object> consumerConfig, TopicPartition partition,
                                        SortedSet<Long> offsets, Duration timeout) {
        Map<Long, SourceRecord> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offsets.first());
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            long position = offsets.first();
            while (position <= offsets.last() && position < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    position = r.offset() + 1;
                    if (offsets.contains(r.offset())) {
                        found.put(r.offset(), toSource(r));
                    }
                }
                position = Math.max(position, consumer.position(partition));
            }
        }
        return found;
    }

    private static SourceRecord toSource(ConsumerRecord<byte[], byte[]> r) {
        return new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(),
                SourceRecord.headersOf(r.headers()));
    }
}
