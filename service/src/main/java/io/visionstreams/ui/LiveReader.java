package io.visionstreams.ui;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's one reader thread: a read_committed consumer with no group (every partition assigned,
 * nothing committed) of the input topic (frames), the result, Tags and dead-letter topics, and the
 * object-event and zone topics when they exist, starting {@link #LOOKBACK} back (zones: from the
 * beginning), feeding the {@link LiveModel}. Every few seconds it looks for partitions created since
 * and reads the application's committed offsets to show each source's consumer lag.
 */
final class LiveReader implements Runnable, AutoCloseable {

    static final Duration LOOKBACK = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(LiveReader.class);

    private final LiveModel model;
    private final LiveTopics topics;
    private final AvroSerde<ImageEvent> imageEvents;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final String groupId;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running = true;
    private long undecodable;

    LiveReader(Properties client, LiveTopics topics, AvroSerde<ImageEvent> imageEvents, String groupId, LiveModel model) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vision-live-view");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.admin = groupId == null ? null : Admin.create(client);
        this.topics = topics;
        this.imageEvents = imageEvents;
        this.groupId = groupId;
        this.model = model;
    }

    @Override
    public void run() {
        long nextLook = 0;
        try {
            while (running) {
                long now = System.currentTimeMillis();
                if (now >= nextLook) {
                    assignNewPartitions();
                    updateLag();
                    nextLook = now + 3000;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    dispatch(r);
                }
                model.tick(System.nanoTime(), System.currentTimeMillis());
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("live view: the reader stopped; the pages show nothing newer", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        long nanos = System.nanoTime();
        long ms = System.currentTimeMillis();
        try {
            if (r.topic().equals(topics.input())) {
                model.input(imageEvents.decode(r.value()), r.partition(), r.offset(), nanos, ms);
            } else if (r.topic().equals(topics.objectEvents())) {
                model.objectEvent(AvroJson.of(Serdes.OBJECT_EVENT.decode(r.value())));
            } else if (r.topic().equals(topics.zones())) {
                String source = r.key() == null ? LiveModel.NO_KEY : new String(r.key(), StandardCharsets.UTF_8);
                model.zones(source, r.value() == null ? null : AvroJson.of(Serdes.ZONES.decode(r.value())));
            } else {
                model.answer(topics.taskByTopic().get(r.topic()),
                        UiRecords.decode(topics.taskByTopic().get(r.topic()), r.value()), nanos, ms);
            }
        } catch (Exception e) { // the stream's own dead letters cover bad input; here it is only not shown
            if (undecodable++ == 0 || undecodable % 1000 == 0) {
                log.warn("live view: {} record(s) not shown, e.g. {}-{}@{}: {}", undecodable, r.topic(), r.partition(),
                        r.offset(), e.toString());
            }
        }
    }

    private List<String> wanted() {
        List<String> out = new ArrayList<>();
        out.add(topics.input());
        out.addAll(topics.taskByTopic().keySet());
        if (topics.objectEvents() != null) {
            out.add(topics.objectEvents());
        }
        if (topics.zones() != null) {
            out.add(topics.zones());
        }
        return out;
    }

    /** Assigns partitions not yet read (topics created after the view started), from {@link #LOOKBACK} back. */
    private void assignNewPartitions() {
        List<TopicPartition> fresh = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(5));
        for (String topic : wanted()) {
            for (PartitionInfo info : all.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                if (!assigned.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        Map<TopicPartition, Long> times = new HashMap<>();
        fresh.forEach(tp -> times.put(tp, System.currentTimeMillis() - LOOKBACK.toMillis()));
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(fresh);
        for (TopicPartition tp : fresh) {
            if (tp.topic().equals(topics.zones())) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                OffsetAndTimestamp o = at.get(tp);
                consumer.seek(tp, o != null ? o.offset() : end.get(tp));
            }
        }
    }

    /** Each source's lag: the input partition's last stable offset minus the application's committed offset there. */
    private void updateLag() {
        if (admin == null) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
            List<TopicPartition> input = assigned.stream().filter(tp -> tp.topic().equals(topics.input())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(input, Duration.ofSeconds(2));
            for (SourceFeed feed : model.feeds()) {
                TopicPartition tp = new TopicPartition(topics.input(), feed.partition());
                OffsetAndMetadata c = committed.get(tp);
                if (end.containsKey(tp)) {
                    feed.lag(Math.max(0, end.get(tp) - (c == null ? 0 : c.offset())));
                }
            }
        } catch (Exception e) {
            log.debug("live view: no consumer lag this time: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        model.close();
    }
}
