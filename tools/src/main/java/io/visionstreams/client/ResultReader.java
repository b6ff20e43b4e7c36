package io.visionstreams.client;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.registry.Wire;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import io.visionstreams.results.WireFormat;
import io.visionstreams.task.TaskSpecs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Reads result, Tags and dead-letter topics into {@link Outcome}s: read_committed, no consumer group
 * (every partition assigned, nothing committed), from the beginning or from a {@link OffsetBound}.
 * Bounded, it stops at the end offsets fixed when it starts (or at {@code to}), so a reader of a
 * busy topic still terminates ({@link #reachedEnd}). The demo, {@code consume}, {@code replay}'s
 * summary and the tests all read through it. Values in either wire format are read, registry-framed ones
 * through {@code schema.registry.url} when the client settings have it.
 */
public final class ResultReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, String> taskByTopic;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final boolean bounded;
    private final Wire wire;
    private final Map<String, AvroSerde<? extends SpecificRecordBase>> serdes = new HashMap<>();

    /** Every outcome of the enabled tasks' topics, from the beginning, for as long as it is polled. */
    public ResultReader(String bootstrapServers, VisionConfig.Topics topics, Iterable<VisionTask> tasks) {
        this(ClientProperties.of(bootstrapServers), topicsOf(topics, tasks, ""), null, null, false);
    }

    /** Every output of {@code config} from the beginning: its enabled tasks' results, dead letters and, when enabled, Tags. */
    public ResultReader(String bootstrapServers, VisionConfig config) {
        this(ClientProperties.of(bootstrapServers),
                withObjectEvents(withTags(topicsOf(config.topics(), config.tasks(), ""), config), config), null, null, false);
    }

    /**
     * @param client      client settings (bootstrap servers, security)
     * @param taskByTopic the topics to read: task name (or {@link Outcome#DEAD_LETTER}) by topic
     * @param from        where to start (null: the beginning)
     * @param to          where to stop, exclusive (null: the end offsets now, when bounded)
     * @param bounded     stop at the end offsets fixed now; false: read on as results arrive
     */
    public ResultReader(Properties client, Map<String, String> taskByTopic, OffsetBound from, OffsetBound to,
                        boolean bounded) {
        this.wire = Wire.of(WireFormat.SINGLE_OBJECT, client, Map.of()); // reading: either format, per record
        Properties p = ClientProperties.with(client, new Properties());
        p.remove(WireFormat.CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.taskByTopic = Map.copyOf(taskByTopic);
        this.bounded = bounded || to != null;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : taskByTopic.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null) {
                continue;
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> start = OffsetBound.resolve(from, consumer, partitions, beginning);
        start.forEach(consumer::seek);
        if (this.bounded) {
            Map<TopicPartition, Long> latest = consumer.endOffsets(partitions); // read_committed: the last stable offsets
            Map<TopicPartition, Long> stop = OffsetBound.resolve(to, consumer, partitions, latest);
            for (TopicPartition tp : partitions) {
                endOffsets.put(tp, Math.min(latest.get(tp), stop.get(tp)));
            }
        }
    }

    /** The topics of the given tasks and the dead letters, each name with {@code suffix} appended (replay outputs). */
    public static Map<String, String> topicsOf(VisionConfig.Topics topics, Iterable<VisionTask> tasks, String suffix) {
        Map<String, String> taskByTopic = new LinkedHashMap<>();
        for (VisionTask task : tasks) {
            taskByTopic.put(topics.resultsFor(task) + suffix, task.configName());
        }
        taskByTopic.put(topics.deadLetters() + suffix, Outcome.DEAD_LETTER);
        return taskByTopic;
    }

    /** {@code taskByTopic} and, when {@code vision.tags.enabled}, the Tags topic (as {@link Outcome#TAGS}). */
    public static Map<String, String> withTags(Map<String, String> taskByTopic, VisionConfig config) {
        return withTags(taskByTopic, config, "");
    }

    /** The same, the Tags topic's name with {@code suffix} appended (replay outputs). */
    public static Map<String, String> withTags(Map<String, String> taskByTopic, VisionConfig config, String suffix) {
        Map<String, String> out = new LinkedHashMap<>(taskByTopic);
        if (config.flow().tagsEnabled()) {
            out.put(config.topics().tags() + suffix, Outcome.TAGS);
        }
        return out;
    }

    /** {@code taskByTopic} and, when tracking runs (vision.tracking.enabled, with detection), the ObjectEvent topic. */
    public static Map<String, String> withObjectEvents(Map<String, String> taskByTopic, VisionConfig config) {
        Map<String, String> out = new LinkedHashMap<>(taskByTopic);
        if ((Boolean) config.setting(VisionConfigDef.TRACKING_ENABLED) && config.tasks().contains(VisionTask.DETECTION)) {
            out.put(config.topics().objectEvents(), Outcome.OBJECT_EVENTS);
        }
        return out;
    }

    /** The outcomes that arrive within {@code timeout} (possibly none); bounded: none past the end. */
    public List<Outcome> poll(Duration timeout) throws IOException {
        List<Outcome> out = new ArrayList<>();
        if (bounded && reachedEnd()) {
            return out;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            Long end = endOffsets.get(new TopicPartition(r.topic(), r.partition()));
            if (end == null || r.offset() < end) {
                out.add(decode(r));
            }
        }
        return out;
    }

    /** Bounded: every partition has been read up to its end offset. Unbounded: never. */
    public boolean reachedEnd() {
        if (!bounded) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Reads a bounded slice to its end (or until {@code timeout}) and returns every outcome, in arrival order. */
    public List<Outcome> readToEnd(Duration timeout) throws IOException {
        List<Outcome> all = new ArrayList<>();
        readToEnd(timeout, all::add);
        return all;
    }

    /** What receives outcomes one poll at a time: a file writer, a counter. */
    @FunctionalInterface
    public interface OutcomeSink {
        void accept(Outcome outcome) throws IOException;
    }

    /**
     * As {@link #readToEnd(Duration)}, handing each poll's outcomes to {@code sink} as they come
     * instead of holding the whole slice: a topic larger than the heap streams through.
     */
    public void readToEnd(Duration timeout, OutcomeSink sink) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reachedEnd() && System.nanoTime() < deadline) {
            for (Outcome o : poll(Duration.ofMillis(200))) {
                sink.accept(o);
            }
        }
    }

    private Outcome decode(ConsumerRecord<byte[], byte[]> r) throws IOException {
        String task = taskByTopic.get(r.topic());
        SpecificRecordBase record = serdes.computeIfAbsent(task, t -> Outcome.DEAD_LETTER.equals(t)
                ? wire.serde(Serdes.DEAD_LETTER) : Outcome.TAGS.equals(t) ? wire.serde(Serdes.TAGS)
                : Outcome.OBJECT_EVENTS.equals(t) ? wire.serde(Serdes.OBJECT_EVENT)
                : wire.serde(TaskSpecs.of(VisionTask.fromConfigName(t)).serde())).decode(r.value());
        Object eventId = record.get("event_id");
        return new Outcome(task, eventId == null ? null : eventId.toString(), record, r.topic(), r.partition(),
                r.offset(), r.key(), r.timestamp());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
