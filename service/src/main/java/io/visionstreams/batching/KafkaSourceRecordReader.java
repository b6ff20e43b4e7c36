package io.visionstreams.batching;

import io.visionstreams.ingest.SourceRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SourceRecordReader} on the input topic, with Kafka Streams' own restore-consumer
 * configuration (no group, read_committed under exactly-once, {@code auto.offset.reset=none}).
 * It asks for the log start offset first, so an offset removed by retention is reported gone
 * instead of throwing; any other failure or a time-out leaves the unread offsets to a retry.
 */
public final class KafkaSourceRecordReader implements SourceRecordReader {

    private static final Logger log = LoggerFactory.getLogger(KafkaSourceRecordReader.class);

    private final Map<String, Object> consumerConfig;

    public KafkaSourceRecordReader(Map<String, Object> consumerConfig) {
        this.consumerConfig = Map.copyOf(consumerConfig);
    }

    /** The application's reader: Kafka Streams' restore-consumer configuration under its own client id. */
    public static Factory factory() {
        return (appConfigs, applicationId) -> new KafkaSourceRecordReader(new StreamsConfig(appConfigs)
                .getRestoreConsumerConfigs(applicationId + "-pending-resubmit"));
    }

    @Override
    public ReadBack read(TopicPartition partition, SortedSet<Long> offsets, Duration timeout) {
        Map<Long, SourceRecord> found = new HashMap<>();
        Set<Long> gone = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long start = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            for (long offset : offsets) {
                if (offset < start || offset >= end) {
                    gone.add(offset);
                }
            }
            long first = Math.max(offsets.first(), start);
            long last = Math.min(offsets.last(), end - 1);
            if (first > last) {
                return new ReadBack(found, gone);
            }
            consumer.seek(partition, first);
            long position = first;
            while (position <= last && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                    if (offsets.contains(r.offset())) {
                        found.put(r.offset(), new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(),
                                r.key(), r.value(), SourceRecord.headersOf(r.headers())));
                    }
                }
                position = consumer.position(partition);
            }
            if (position > last) { // read through: what was not found is not there (e.g. a transaction marker)
                offsets.stream().filter(o -> o >= first && o <= last && !found.containsKey(o)).forEach(gone::add);
            }
        } catch (KafkaException e) { // e.g. the segment was deleted while reading: what is unread is tried again
            log.warn("reading back {} offsets {}..{} failed ({}); will retry", partition, offsets.first(),
                    offsets.last(), e.toString());
        }
        return new ReadBack(found, gone);
    }
}
