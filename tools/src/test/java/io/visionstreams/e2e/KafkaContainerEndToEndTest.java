package io.visionstreams.e2e;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end scenario on Apache Kafka's own image (KRaft, one node) under Testcontainers,
 * which starts it before and stops it after the scenario. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerEndToEndTest extends EndToEndScenario {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Override
    protected String startCluster() {
        return KAFKA.getBootstrapServers();
    }
}
