package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.config.VisionConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The start-up check that no wait on a stream thread can outlive a transaction or a poll interval. */
class WaitBoundsTest {

    @Test
    void theDefaultsFitWithRoomToSpare() {
        assertThatCode(() -> WaitBounds.check(VisionConfig.from(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void aBackPressureWaitLongerThanHalfTheTransactionTimeoutFailsNamingBothKeys() {
        // Kafka Streams' exactly-once transactions time out after 10 s unless configured
        assertThatThrownBy(() -> WaitBounds.check(VisionConfig.from(Map.of("vision.batch.result-timeout-ms", "6000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vision.batch.result-timeout-ms=6000")
                .hasMessageContaining("transaction.timeout.ms=10000");
        assertThatThrownBy(() -> WaitBounds.check(VisionConfig.from(Map.of("vision.batch.result-timeout-ms", "4000",
                "producer.transaction.timeout.ms", "7000"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("transaction.timeout.ms=7000");
        assertThatCode(() -> WaitBounds.check(VisionConfig.from(Map.of("vision.batch.result-timeout-ms", "6000",
                "producer.transaction.timeout.ms", "30000")))).doesNotThrowAnyException();
    }

    @Test
    void withoutTransactionsOnlyThePollIntervalBounds() {
        assertThatCode(() -> WaitBounds.check(VisionConfig.from(Map.of("processing.guarantee", "at_least_once",
                "vision.batch.result-timeout-ms", "60000")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> WaitBounds.check(VisionConfig.from(Map.of("processing.guarantee", "at_least_once",
                "vision.batch.result-timeout-ms", "60000", "max.poll.interval.ms", "100000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vision.batch.result-timeout-ms=60000")
                .hasMessageContaining("max.poll.interval.ms=100000");
    }
}
