package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@code run} checks before it loads a model: the engine settings, the schemas folder, the
 * producer's request size, and on the cluster the topics (they exist or are created, outputs take the largest record
 * this instance writes). Each problem names the key, topic or variable to change.
 */
public final class Preflight {

    /**
     * Whether and how to create missing topics.
     *
     * @param partitions        empty: the input's count for outputs (when the input exists), else the broker's default
     * @param replicationFactor empty: the broker's default
     */
    public record TopicCreation(boolean create, Optional<Integer> partitions, Optional<Short> replicationFactor) {

        public static final TopicCreation NONE = new TopicCreation(false, Optional.empty(), Optional.empty());
    }

    private Preflight() {}

    /** Every problem found; empty: fit to start. */
    public static List<PreflightProblem> check(VisionConfig config, Map<String, String> env, TopicCreation creation)
            throws InterruptedException {
        List<PreflightProblem> problems = new ArrayList<>(EngineCheck.check(config, env,
                Runtime.getRuntime().availableProcessors()));
        try {
            Wiring.imageEvents(config); // reads vision.schemas.dir, as the instance will
        } catch (ConfigException e) {
            problems.add(new PreflightProblem(VisionConfigDef.SCHEMAS_DIR, e.getMessage()));
        }
        StreamsConfig streams = new StreamsConfig(config.streamsProperties()); // logs the settings once
        problems.addAll(ProducerCheck.check(config, streams));
        Admin admin = admin(adminProperties(config, streams));
        try {
            problems.addAll(TopicCheck.check(config, admin, creation));
        } finally {
            admin.close(Duration.ofSeconds(5)); // not the default: it would wait out a request to an unreachable cluster
        }
        return problems;
    }

    /** The Admin client of the checks; the one place it is built, from client properties (bootstrap, security). */
    public static Admin admin(Properties clientProperties) {
        return Admin.create(clientProperties);
    }

    /** Admin settings derived from the Streams properties as Kafka Streams derives its own (admin.* overrides apply). */
    public static Properties adminProperties(VisionConfig config, StreamsConfig streams) {
        Properties admin = new Properties();
        admin.putAll(streams.getAdminConfigs(config.applicationId() + "-preflight"));
        return admin;
    }
}
