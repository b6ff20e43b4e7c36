package io.visionstreams.client;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the result and dead-letter topics from the beginning (read_committed, no consumer group:
 * every partition assigned), decoding each record into an {@link Outcome}.
 */
public final class ResultReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, String> taskByTopic = new HashMap<>();

    public ResultReader(String bootstrapServers, VisionConfig.Topics topics, Iterable<VisionTask> tasks) {
        this(ClientProperties.plaintext(bootstrapServers), topics, tasks);
    }

    /** {@code client}: bootstrap servers and any security settings ({@link ClientProperties}). */
    public ResultReader(Properties client, VisionConfig.Topics topics, Iterable<VisionTask> tasks) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (VisionTask task : tasks) {
            taskByTopic.put(topics.resultsFor(task), task.configName());
        }
        taskByTopic.put(topics.deadLetters(), Outcome.DEAD_LETTER);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : taskByTopic.keySet()) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The outcomes that arrive within {@code timeout} (possibly none). */
    public List<Outcome> poll(Duration timeout) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            out.add(decode(r));
        }
        return out;
    }

    private Outcome decode(ConsumerRecord<byte[], byte[]> r) throws IOException {
        String task = taskByTopic.get(r.topic());
        SpecificRecordBase record = switch (task) {
            case "classification" -> Serdes.CLASSIFICATION.decode(r.value());
            case "detection" -> Serdes.DETECTIONS.decode(r.value());
            case "segmentation" -> Serdes.SEGMENTATION.decode(r.value());
            default -> Serdes.DEAD_LETTER.decode(r.value());
        };
        Object eventId = record.get("event_id");
        return new Outcome(task, eventId == null ? null : eventId.toString(), record, r.topic(), r.partition(),
                r.offset(), r.key(), r.timestamp());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

}
