package io.visionstreams.topology;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Start-up check that the one blocking wait left on a stream thread (back-pressure in
 * {@code process()}, at most {@code vision.batch.result-timeout-ms}) fits well inside the exactly-once
 * transaction time-out and {@code max.poll.interval.ms}: at most half of each. A longer wait would get
 * the producer fenced or the member evicted, the task's state wiped and its frames resubmitted — in a loop.
 */
public final class WaitBounds {

    /** What Kafka Streams sets for its transactional producers when the user does not (its docs: 10 s). */
    static final long STREAMS_EOS_TRANSACTION_TIMEOUT_MS = 10_000;

    private WaitBounds() {}

    /**
     * How long one stream thread may wait for answers in all between two commits: half of the transaction
     * time-out under exactly-once (a stream thread's transaction spans every task it processes before it
     * commits), and half of {@code max.poll.interval.ms}.
     */
    public static java.time.Duration perCommit(VisionConfig config) {
        StreamsConfig streams = new StreamsConfig(config.streamsProperties());
        long budget = poll(streams) / 2;
        if (streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).startsWith("exactly_once")) {
            budget = Math.min(budget, transaction(streams) / 2);
        }
        return java.time.Duration.ofMillis(budget);
    }

    private static long transaction(StreamsConfig streams) {
        Object configured = streams.getProducerConfigs("wait-bounds-check").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        return configured == null ? STREAMS_EOS_TRANSACTION_TIMEOUT_MS : Long.parseLong(String.valueOf(configured));
    }

    private static long poll(StreamsConfig streams) {
        Map<String, Object> consumer = streams.getMainConsumerConfigs("wait-bounds-check", "wait-bounds-check", 0);
        Object pollSetting = consumer.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        return pollSetting != null ? Long.parseLong(String.valueOf(pollSetting))
                : ((Number) ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)).longValue();
    }

    /** @throws ConfigException naming the keys when the combination cannot hold */
    public static void check(VisionConfig config) {
        StreamsConfig streams = new StreamsConfig(config.streamsProperties());
        long wait = config.batching().resultTimeout().toMillis();
        String guarantee = streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee.startsWith("exactly_once")) {
            Map<String, Object> producer = streams.getProducerConfigs("wait-bounds-check");
            Object configured = producer.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
            long transaction = configured == null ? STREAMS_EOS_TRANSACTION_TIMEOUT_MS
                    : Long.parseLong(String.valueOf(configured));
            if (2 * wait > transaction) {
                throw new ConfigException(VisionConfigDef.BATCH_WAIT_TIMEOUT + "=" + wait + " must be at most half of "
                        + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG + "=" + transaction + " under "
                        + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee
                        + ": a back-pressure wait would outlive the transaction and get the task fenced");
            }
        }
        Map<String, Object> consumer = streams.getMainConsumerConfigs("wait-bounds-check", "wait-bounds-check", 0);
        Object pollSetting = consumer.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long poll = pollSetting != null ? Long.parseLong(String.valueOf(pollSetting))
                : ((Number) ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)).longValue();
        if (2 * wait > poll) {
            throw new ConfigException(VisionConfigDef.BATCH_WAIT_TIMEOUT + "=" + wait + " must be at most half of "
                    + ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG + "=" + poll
                    + ": a back-pressure wait would get the member evicted from the group");
        }
    }
}
