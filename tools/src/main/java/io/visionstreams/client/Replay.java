package io.visionstreams.client;

import io.visionstreams.client.ClientProperties;
import io.visionstreams.client.OffsetBound;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A replay: the same topology over a slice {@code [from, to)} of the input topic, under its own
 * {@code application.id} ({@code <live id>-replay-<name>}: its own consumer group, internal topics
 * and state), writing to the output topics with {@code .replay-<name>} appended. The live
 * application's group, offsets and topics are never written. In: the live configuration, a name,
 * the slice and settings to change; out: the {@link Plan} to run, and the admin steps around it.
 */
public final class Replay {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /**
     * @param overrides configuration keys the replay sets on top of the live configuration
     * @param start     input partition → first offset of the slice
     * @param stop      input partition → first offset past the slice
     * @param written   the configuration keys of the output topics it writes (the enabled tasks', dead letters, tags)
     */
    public record Plan(String name, String applicationId, String topicSuffix, Map<String, String> overrides,
                       Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop, Set<String> written) {

        /** Input records in the slice. */
        public long records() {
            return start.entrySet().stream().mapToLong(e -> Math.max(0, stop.get(e.getKey()) - e.getValue())).sum();
        }

        /** The output topics of the replay, by the configuration key naming them. */
        public Map<String, String> outputTopics() {
            Map<String, String> topics = new LinkedHashMap<>();
            for (String key : outputTopicKeys()) {
                if (written.contains(key)) {
                    topics.put(key, overrides.get(key));
                }
            }
            return topics;
        }
    }

    private Replay() {}

    /**
     * Plans a replay of {@code live}'s input topic.
     *
     * @param sets settings to change (e.g. {@code vision.model.detection=ssd_mobilenet_v1_coco}); they win over
     *             the replay's own defaults, except the names that keep it apart from the live application
     */
    public static Plan plan(VisionConfig live, Properties client, String name, OffsetBound from, OffsetBound to,
                            Map<String, String> sets) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("replay name '" + name + "' must be 1-100 of A-Z a-z 0-9 . _ -");
        }
        String applicationId = live.applicationId() + "-replay-" + name;
        String suffix = ".replay-" + name;
        Map<String, String> overrides = new LinkedHashMap<>();
        // an old archive's results would fall under the output topics' time retention at once
        overrides.put(VisionConfigDef.OUTPUT_TIMESTAMP, "processing-time");
        overrides.put(VisionConfigDef.HTTP_PORT, "-1");
        overrides.putAll(sets);
        overrides.put("application.id", applicationId);
        for (String key : outputTopicKeys()) {
            overrides.put(key, live.setting(key) + suffix);
        }
        for (String key : List.of("application.id", VisionConfigDef.TOPIC_IMAGE_EVENTS, VisionConfigDef.INPUT_STOP_OFFSETS)) {
            if (sets.containsKey(key)) {
                throw new IllegalArgumentException(key + " is the replay's own: it cannot be --set");
            }
        }
        Map<TopicPartition, Long> start;
        Map<TopicPartition, Long> stop = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            List<TopicPartition> partitions = consumer.partitionsFor(live.topics().imageEvents(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
            start = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
            start.putAll(OffsetBound.resolve(from, consumer, partitions, consumer.beginningOffsets(partitions)));
            Map<TopicPartition, Long> until = OffsetBound.resolve(to, consumer, partitions, latest);
            for (TopicPartition tp : partitions) {
                stop.put(tp, Math.max(start.get(tp), Math.min(latest.get(tp), until.get(tp))));
            }
        }
        overrides.put(VisionConfigDef.INPUT_STOP_OFFSETS, stop.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(TopicPartition::partition)))
                .map(e -> e.getKey().partition() + ":" + e.getValue()).collect(Collectors.joining(",")));
        Set<io.visionstreams.inference.VisionTask> tasks = sets.containsKey(VisionConfigDef.TASKS)
                ? java.util.Arrays.stream(sets.get(VisionConfigDef.TASKS).split(","))
                        .map(io.visionstreams.inference.VisionTask::fromConfigName).collect(Collectors.toSet())
                : live.tasks();
        Set<String> written = outputTopicKeys().stream().filter(k -> writes(k, tasks)).collect(Collectors.toSet());
        return new Plan(name, applicationId, suffix, overrides, start, stop, written);
    }

    /**
     * Makes the cluster ready for a fresh run of {@code plan}: removes what an earlier run of the same
     * name left (group, internal topics), refuses output topics that already hold records, creates the
     * missing ones like the input topic, and commits the slice's start offsets for the replay's group.
     */
    public static void prepare(Admin admin, Plan plan, VisionConfig live, VisionConfig replay) throws Exception {
        deleteInternal(admin, plan.applicationId());
        TopicDescription input = admin.describeTopics(List.of(live.topics().imageEvents())).allTopicNames().get()
                .get(live.topics().imageEvents());
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : plan.outputTopics().values()) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, java.util.Optional.of(input.partitions().size()), java.util.Optional.empty()));
            } else if (holdsRecords(admin, topic)) {
                throw new IllegalStateException("output topic " + topic + " of replay '" + plan.name()
                        + "' already holds records: choose another --name, or delete its topics first");
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        plan.start().forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(replay.applicationId(), offsets).all().get();
    }

    /** Whether the replay's group has committed past the end of the slice on every partition that has one. */
    public static boolean finished(Admin admin, Plan plan) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(plan.applicationId())
                .partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> e : plan.stop().entrySet()) {
            if (e.getValue() <= plan.start().get(e.getKey())) {
                continue; // an empty slice on this partition
            }
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the replay's consumer group and internal topics (changelogs, repartition topics); outputs stay. */
    public static List<String> deleteInternal(Admin admin, String applicationId) throws Exception {
        List<String> internal = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .sorted().toList();
        if (!internal.isEmpty()) {
            admin.deleteTopics(internal).all().get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(applicationId)).all().get();
                return internal;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return internal;
                }
                if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500); // members that just left may still be listed for a moment
            }
        }
    }

    /** The configuration keys of every output topic: results of each task, dead letters, and any other. */
    static List<String> outputTopicKeys() {
        return VisionConfigDef.DEF.names().stream()
                .filter(k -> k.startsWith("vision.topics.") && !k.equals(VisionConfigDef.TOPIC_IMAGE_EVENTS))
                .sorted().toList();
    }

    /** Whether a replay of {@code tasks} writes the topic of {@code key}: the enabled tasks' and every other output's. */
    private static boolean writes(String key, java.util.Set<io.visionstreams.inference.VisionTask> tasks) {
        for (io.visionstreams.inference.VisionTask task : io.visionstreams.inference.VisionTask.values()) {
            if (task.topicKey().equals(key)) {
                return tasks.contains(task);
            }
        }
        return true;
    }

    private static boolean holdsRecords(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new HashMap<>();
        d.partitions().forEach(p -> {
            latest.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.earliest());
        });
        var ends = admin.listOffsets(latest).all().get();
        var starts = admin.listOffsets(earliest).all().get();
        return ends.entrySet().stream().anyMatch(e -> e.getValue().offset() > starts.get(e.getKey()).offset());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties client) {
        Properties p = ClientProperties.with(client, new Properties());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
