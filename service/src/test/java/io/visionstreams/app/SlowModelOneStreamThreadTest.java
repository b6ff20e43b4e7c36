package io.visionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.LogCapture;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, finding 2, on the embedded broker through {@link VisionApp}, exactly-once: one stream
 * thread owns six partitions and the model is slow (3 s a batch, never failing), with at most two
 * events in flight per partition. Each partition's back-pressure wait fits inside the transaction
 * time-out, but a stream thread commits once for all its tasks: their waits must share one budget
 * per commit, or the transaction expires, the producer is fenced and the pending frames are read
 * back, again and again. Then: no fencing, every event classified once, results committed as it goes.
 */
class SlowModelOneStreamThreadTest {

    private static final int PARTITIONS = 6;
    private static final int EVENTS = 18;

    @TempDir
    Path dir;

    @Test
    void aSlowModelOnOneStreamThreadWithSixPartitionsIsNeverFencedAndLosesOrRepeatsNothing() throws Exception {
        FaultInjectingModel<?> slow = FaultInjectingModel.failingOnPoisonedFrames(
                SharedModels.get(VisionTask.CLASSIFICATION));
        slow.slowEveryBatchBy(Duration.ofSeconds(3));
        Instant captured = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Integer> results = new TreeMap<>();
        List<Integer> committedBatches = new ArrayList<>();
        List<String> fencing;
        try (LogCapture logs = new LogCapture(); EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(settings(kafka.bootstrapServers()));
            kafka.createTopics(config.topics().all(), PARTITIONS);
            try (VisionApp app = new VisionApp(config,
                    new LoadedModels(Map.<VisionTask, VisionModel<?>>of(VisionTask.CLASSIFICATION, slow)),
                    Wiring.frameLoader(config), VisionMetrics.inMemory(), new Properties())) {
                app.start();
                // when 18 events arrive, three on each partition
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka))) {
                    for (int i = 0; i < EVENTS; i++) {
                        byte[] value = Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e" + i)
                                .setSourceId("cam-" + i % PARTITIONS).setCapturedAt(captured)
                                .setImage(ByteBuffer.wrap(SampleImages.bytes(i % 2 == 0 ? "cat.bmp" : "owl.jpg")))
                                .setAttributes(Map.of()).build());
                        producer.send(new ProducerRecord<>(config.topics().imageEvents(), i % PARTITIONS,
                                captured.toEpochMilli(), ("cam-" + i % PARTITIONS).getBytes(StandardCharsets.UTF_8),
                                value)).get();
                    }
                }
                // then every event's result is committed, visible to a read_committed reader as it goes
                try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerProperties(kafka))) {
                    reader.subscribe(List.of(config.topics().resultsFor(VisionTask.CLASSIFICATION)));
                    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                    int seen = 0;
                    while (seen < EVENTS && System.nanoTime() < deadline) {
                        int before = seen;
                        for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                            Classification c = Serdes.CLASSIFICATION.decode(r.value());
                            results.merge(c.getEventId(), 1, Integer::sum);
                            seen++;
                        }
                        if (seen > before) {
                            committedBatches.add(seen - before);
                        }
                    }
                    // a little longer: a duplicate from a fenced, retried transaction would show now
                    for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofSeconds(3))) {
                        results.merge(Serdes.CLASSIFICATION.decode(r.value()).getEventId(), 1, Integer::sum);
                    }
                }
            }
            fencing = logs.lines().stream().filter(SlowModelOneStreamThreadTest::isFencing).toList();
        }
        // then no transaction was fenced, nothing is missing and nothing repeated
        assertThat(fencing).as("fencing log lines").isEmpty();
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.put("e" + i, 1);
        }
        assertThat(results).as("results per event").isEqualTo(expected);
        // and results became visible over several commits, not all at the end
        assertThat(committedBatches).as("result counts per poll that saw any").hasSizeGreaterThanOrEqualTo(3);
    }

    /** A fenced producer or migrated task; not the broker's own "isFenced: false" / "unfenced" node states. */
    private static boolean isFencing(String line) {
        String without = line.replace("isFenced: false", "").replace("unfenced", "");
        return without.toLowerCase().contains("fenced") || line.contains("InvalidProducerEpoch")
                || line.contains("TaskMigrated");
    }

    private Map<String, String> settings(String bootstrapServers) {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification");
        s.put("vision.topics.image-events", "slow.image-events");
        s.put("vision.topics.classifications", "slow.classifications");
        s.put("vision.topics.detections", "slow.detections");
        s.put("vision.topics.segmentations", "slow.segmentations");
        s.put("vision.topics.dead-letters", "slow.dead-letters");
        s.put("vision.topics.tags", "slow.tags");
        s.put("vision.batch.workers", "1");
        s.put("vision.batch.max-size", "2");
        s.put("vision.batch.max-in-flight", "2");
        s.put("vision.http.port", "-1");
        s.put("num.stream.threads", "1");
        s.put("processing.guarantee", "exactly_once_v2");
        s.put("bootstrap.servers", bootstrapServers);
        s.put("application.id", "vision-slow");
        s.put("state.dir", dir.resolve("state").toString());
        return s;
    }

    private static Properties producerProperties(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static Properties consumerProperties(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "slow-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }
}
