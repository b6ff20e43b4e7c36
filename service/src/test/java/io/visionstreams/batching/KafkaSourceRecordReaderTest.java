package io.visionstreams.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Reading pending records back from a real (embedded) broker whose log start offset has moved past
 * some of them (DeleteRecords, as retention does): those are reported gone, the others read, and
 * nothing throws — where a plain restore consumer ({@code auto.offset.reset=none}) would.
 */
class KafkaSourceRecordReaderTest {

    private static final String TOPIC = "reader-input";

    @Test
    void reportsRecordsBelowTheLogStartOffsetAsGoneAndReadsTheRest() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // given six records, the first three deleted from the log
            kafka.createTopics(List.of(TOPIC), 1);
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 6; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(3))).all().get();
            }
            // when the application's reader (Kafka Streams' restore-consumer configuration) reads 1, 3, 5 and 9 back
            Map<String, Object> app = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "reader-test",
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            SourceRecordReader.ReadBack back;
            try (SourceRecordReader reader = KafkaSourceRecordReader.factory().create(app, "reader-test")) {
                back = reader.read(partition, new TreeSet<>(List.of(1L, 3L, 5L, 9L)), Duration.ofSeconds(20));
            }
            // then 1 (deleted) and 9 (never written) are gone, 3 and 5 read with their key and value
            assertThat(back.gone()).containsExactlyInAnyOrder(1L, 9L);
            assertThat(back.found()).containsOnlyKeys(3L, 5L);
            assertThat(new String(back.found().get(5L).value(), StandardCharsets.UTF_8)).isEqualTo("v5");
            assertThat(new String(back.found().get(3L).key(), StandardCharsets.UTF_8)).isEqualTo("k3");
            assertThat(back.found().get(3L).topic()).isEqualTo(TOPIC);
        }
    }
}
