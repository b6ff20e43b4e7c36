package io.visionstreams.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.topology.Names;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --cleanup}
 * deletes its own internal topics by their exact names, never another replay's. The topology is
 * a stand-in with the real topology's one store name ({@link Names#PENDING_STORE}); the names
 * come from Kafka Streams' own description of it.
 */
class ReplayCleanupTest {

    @Test
    void cleanupOfReplayADeletesNeitherReplayABsTopicsNorOutputs() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // given the internal topics of replays "vision-replay-a" and "vision-replay-a-b", and an output of a
            List<String> ofA = List.of("vision-replay-a-frames-pending-changelog");
            List<String> ofAB = List.of("vision-replay-a-b-frames-pending-changelog");
            List<String> output = List.of("vision-replay-a-x-repartition-results");
            kafka.createTopics(ofA, 1);
            kafka.createTopics(ofAB, 1);
            kafka.createTopics(output, 1);

            // when replay a cleans up
            List<String> deleted = Replay.deleteInternal(admin, "vision-replay-a", pendingStoreTopology());

            // then only its own changelog went
            assertThat(deleted).containsExactlyElementsOf(ofA);
            Set<String> left = admin.listTopics().names().get();
            assertThat(left).containsAll(ofAB).containsAll(output).doesNotContainAnyElementsOf(ofA);
        }
    }

    private static TopologyDescription pendingStoreTopology() {
        Topology topology = new Topology();
        topology.addSource("in", "vision.image-events");
        topology.addProcessor("p", () -> new Processor<Object, Object, Object, Object>() {
            @Override
            public void process(Record<Object, Object> record) {}
        }, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Names.PENDING_STORE),
                Serdes.Long(), Serdes.ByteArray()), "p");
        return topology.describe();
    }
}
