package io.visionstreams.e2e;

import io.visionstreams.embedded.EmbeddedKafka;

/** The end-to-end scenario on the project's in-process KRaft broker ({@link EmbeddedKafka}). */
class EmbeddedKafkaEndToEndTest extends EndToEndScenario {

    private EmbeddedKafka kafka;

    @Override
    protected String startCluster() {
        kafka = EmbeddedKafka.start();
        return kafka.bootstrapServers();
    }

    @Override
    protected void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
