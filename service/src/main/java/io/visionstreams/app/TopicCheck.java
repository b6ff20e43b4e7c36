package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.inference.VisionTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics an instance reads and writes, checked on the cluster through Kafka's Admin client:
 * each exists (or is created when asked), and every output topic takes records as large as
 * {@code vision.output.max-record-bytes}.
 */
final class TopicCheck {

    private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

    /** Room above a record's value for its key, headers and the record batch framing. */
    static final int RECORD_OVERHEAD_BYTES = 16 * 1024;
    /** Kafka's default {@code max.message.bytes} (1 MiB + 12 bytes of framing). */
    static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    private static final long TIMEOUT_SECONDS = 30;

    /** A topic this instance uses: its name, what it is for, and whether this instance writes it. */
    record Use(String topic, String role, boolean output) {}

    private TopicCheck() {}

    static List<PreflightProblem> check(VisionConfig config, Admin admin, Preflight.TopicCreation creation)
            throws InterruptedException {
        List<Use> uses = uses(config);
        List<PreflightProblem> problems = new ArrayList<>();
        try {
            Map<String, TopicDescription> found = describe(admin, uses, problems);
            if (!problems.isEmpty() && creation.create()) {
                problems.clear();
                create(admin, config, creation, uses, found, problems);
                List<PreflightProblem> missing = new ArrayList<>();
                for (int attempt = 1; problems.isEmpty(); attempt++) {
                    missing.clear();
                    found = describe(admin, uses, missing);
                    if (missing.isEmpty() || attempt == 25) {
                        break;
                    }
                    Thread.sleep(200); // a new topic's metadata reaches every broker shortly after its creation
                }
                problems.addAll(missing);
            }
            if (!problems.isEmpty()) {
                return problems;
            }
            int input = found.get(config.topics().imageEvents()).partitions().size();
            for (Use u : uses) {
                int partitions = found.get(u.topic()).partitions().size();
                if (u.output() && partitions != input) {
                    log.warn("topic '{}' ({}) has {} partitions, the input '{}' {}: per-source order still holds (the key "
                            + "is source_id), but joins of these topics need equal counts", u.topic(), u.role(), partitions,
                            config.topics().imageEvents(), input);
                }
            }
            checkRecordSizes(admin, config, uses, problems);
        } catch (TimeoutException e) {
            problems.add(unreachable(config, "no answer within " + TIMEOUT_SECONDS + " s"));
        } catch (ExecutionException e) {
            problems.add(unreachable(config, String.valueOf(e.getCause())));
        }
        return problems;
    }

    static List<Use> uses(VisionConfig config) {
        VisionConfig.Topics topics = config.topics();
        List<Use> uses = new ArrayList<>();
        uses.add(new Use(topics.imageEvents(), "input, " + VisionConfigDef.TOPIC_IMAGE_EVENTS, false));
        for (VisionTask task : VisionTask.values()) {
            if (config.tasks().contains(task)) {
                uses.add(new Use(topics.resultsFor(task), task.configName() + " results", true));
            }
        }
        uses.add(new Use(topics.deadLetters(), "dead letters, " + VisionConfigDef.TOPIC_DEAD_LETTERS, true));
        if (config.flow().tagsEnabled()) {
            uses.add(new Use(topics.tags(), "tags, " + VisionConfigDef.TOPIC_TAGS, true));
        }
        if ((Boolean) config.setting(VisionConfigDef.TRACKING_ENABLED) && config.tasks().contains(VisionTask.DETECTION)) {
            uses.add(new Use(topics.objectEvents(), "object events, " + VisionConfigDef.TOPIC_OBJECT_EVENTS, true));
            uses.add(new Use(topics.zones(), "zones (compacted), " + VisionConfigDef.TOPIC_ZONES, false));
        }
        return uses;
    }

    /** The topics that exist; a problem for each that does not or cannot be described. */
    private static Map<String, TopicDescription> describe(Admin admin, List<Use> uses, List<PreflightProblem> problems)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(uses.stream().map(Use::topic)
                .distinct().toList()).topicNameValues();
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        for (Use u : uses) {
            try {
                found.put(u.topic(), futures.get(u.topic()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    problems.add(new PreflightProblem(u.topic(), "topic does not exist (" + u.role()
                            + "): create it, or start with run --create-topics"));
                } else if (e.getCause() instanceof org.apache.kafka.common.errors.ApiException api
                        && !(api instanceof org.apache.kafka.common.errors.RetriableException)) {
                    problems.add(new PreflightProblem(u.topic(), "cannot describe the topic (" + u.role() + "): " + api));
                } else {
                    throw e;
                }
            }
        }
        return found;
    }

    private static void create(Admin admin, VisionConfig config, Preflight.TopicCreation creation, List<Use> uses,
                               Map<String, TopicDescription> found, List<PreflightProblem> problems)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription input = found.get(config.topics().imageEvents());
        Optional<Integer> partitions = creation.partitions().isPresent() ? creation.partitions()
                : Optional.ofNullable(input == null ? null : input.partitions().size()); // outputs match the input
        String maxMessageBytes = Integer.toString(Math.max(KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
                config.maxRecordBytes() + RECORD_OVERHEAD_BYTES));
        List<NewTopic> missing = new ArrayList<>();
        for (Use u : uses) {
            if (!found.containsKey(u.topic()) && missing.stream().noneMatch(t -> t.name().equals(u.topic()))) {
                NewTopic topic = new NewTopic(u.topic(), partitions, creation.replicationFactor());
                missing.add(u.output() ? topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)) : topic);
            }
        }
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                log.info("created topic '{}' ({} partitions, replication factor {})", created.getKey(),
                        partitions.map(String::valueOf).orElse("broker default"),
                        creation.replicationFactor().map(String::valueOf).orElse("broker default"));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was first: fine
                    problems.add(new PreflightProblem(created.getKey(), "cannot create the topic: " + e.getCause()));
                }
            }
        }
    }

    private static void checkRecordSizes(Admin admin, VisionConfig config, List<Use> uses, List<PreflightProblem> problems)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> outputs = uses.stream().filter(Use::output).map(Use::topic).distinct()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(outputs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long needed = (long) config.maxRecordBytes() + RECORD_OVERHEAD_BYTES;
        for (ConfigResource topic : outputs) {
            ConfigEntry entry = configs.get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            long max = entry == null || entry.value() == null ? KAFKA_DEFAULT_MAX_MESSAGE_BYTES : Long.parseLong(entry.value());
            if (max < needed) {
                problems.add(new PreflightProblem(topic.name(), TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=" + max
                        + " is below " + VisionConfigDef.OUTPUT_MAX_RECORD_BYTES + "=" + config.maxRecordBytes() + " plus "
                        + RECORD_OVERHEAD_BYTES + " bytes for key, headers and batch framing (" + needed + "): raise the "
                        + "topic's " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " or lower "
                        + VisionConfigDef.OUTPUT_MAX_RECORD_BYTES));
            }
        }
    }

    private static PreflightProblem unreachable(VisionConfig config, String why) {
        return new PreflightProblem("bootstrap.servers", "cannot reach the cluster at "
                + config.streamsProperties().getProperty("bootstrap.servers") + ": " + why);
    }
}
