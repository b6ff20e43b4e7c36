package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.client.ClientProperties;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.Reasons;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.InProcessSchemaRegistry;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.WriterSchemas;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vision.serde.format=registry} on a real broker (classification, exactly-once) against a registry
 * speaking the Confluent REST subset under Apicurio's ccompat path. Given events framed by this build's
 * producer, by an upgraded producer (a newer ImageEvent it registered itself), in single-object encoding,
 * and with an id the registry does not know: the first three are classified, the last is a dead letter
 * with its bytes; every result is framed with the id the registry gave {@code <topic>-value}. With the
 * registry stopped for 20 s while events of an id not yet seen arrive: readiness goes 503, the meter
 * counts it, nothing is dead-lettered, and every event is classified once it answers. Then clients
 * nobody here wrote read the results: kafkajs with @kafkajs/confluent-schema-registry (also sending
 * an event of its own) and librdkafka with python3-avro, each skipped where it is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryEndToEndTest {

    private static final Set<VisionTask> TASKS = Set.of(VisionTask.CLASSIFICATION);
    private static final Path NODE_CLIENT = Path.of("tools/src/test/node");
    private static final Path PYTHON_CLIENT = Path.of("tools/src/test/python/read_results.py");

    @TempDir
    static Path dir;

    private static InProcessSchemaRegistry registry;
    private static EmbeddedKafka kafka;
    private static VisionConfig config;
    private static VisionMetrics metrics;
    private static VisionApp app;
    private static final Instant CAPTURED = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void start() throws Exception {
        registry = new InProcessSchemaRegistry("/apis/ccompat/v7", null);
        kafka = EmbeddedKafka.start();
        config = VisionConfig.from(settings());
        kafka.createTopics(config.topics().all(), 1);
        metrics = VisionMetrics.prometheus();
        app = new VisionApp(config, io.visionstreams.testing.SharedModels.forTasks(TASKS), Wiring.frameLoader(config),
                metrics, new Properties());
        app.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
        Utils.delete(dir.resolve("state").toFile());
    }

    @Test
    @Order(1)
    void readsEitherFormatAndAnUpgradedProducerWritesByIdAndWaitsOutARegistryOutage() throws Exception {
        String input = config.topics().imageEvents();
        Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
        byte[] unknownId;
        try (ImageEventProducer producer = new ImageEventProducer(registryClient(), input)) {
            send(producer, producer.encode(event("cat.bmp", "this build")));
            int newerId = registry.register(input + "-value", newer); // the upgraded producer registers its schema
            GenericRecord upgraded = WriterSchemas.asRecordOf(newer, event("bird.bmp", "upgraded producer"));
            upgraded.put("exposure_us", 250);
            send(producer, frame(newerId, upgraded));
            send(producer, Serdes.IMAGE_EVENT.encode(event("hot_dog.jpg", "single-object")));
            unknownId = frame(4242, WriterSchemas.asRecordOf(ImageEvent.SCHEMA$, event("parrot.jpg", "unknown id")));
            send(producer, unknownId);
        }
        List<Outcome> outcomes = read(4);
        assertThat(label(outcomes, "cat.bmp")).isEqualTo("Egyptian cat|this build");
        assertThat(label(outcomes, "bird.bmp")).isEqualTo("chickadee|upgraded producer");
        assertThat(label(outcomes, "hot_dog.jpg")).isEqualTo("hotdog, hot dog, red hot|single-object");
        DeadLetter dl = (DeadLetter) outcomes.stream().filter(Outcome::isDeadLetter).findFirst().orElseThrow().record();
        assertThat(dl.getStage()).isEqualTo(Stage.DESERIALIZE);
        assertThat(dl.getReason()).isEqualTo(Reasons.UNKNOWN_SCHEMA);
        assertThat(dl.getMessage()).contains("4242");
        assertThat(Serdes.bytes(dl.getOriginalValue())).isEqualTo(unknownId);

        // when a producer upgrades again and the registry is then down for 20 s
        Schema third = WriterSchemas.withExtraIntField(newer, "gain_db");
        int thirdId = registry.register(input + "-value", third);
        registry.stop();
        try {
            long stoppedAt = System.nanoTime();
            try (ImageEventProducer producer = new ImageEventProducer(ClientProperties.of(kafka.bootstrapServers()), input)) {
                for (String file : List.of("grace_hopper.bmp", "cat.bmp", "hot_dog.jpg")) {
                    send(producer, frame(thirdId, WriterSchemas.asRecordOf(third, event("outage-" + file, "during outage"))));
                }
            }
            assertThat(await(() -> !app.isReady(), Duration.ofSeconds(15))).as("readiness 503 while the registry is down")
                    .isTrue();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, stoppedAt + Duration.ofSeconds(20).toNanos() - System.nanoTime()));
            assertThat(raw(config.topics().resultsFor(VisionTask.CLASSIFICATION))).as("nothing decided while it is down")
                    .hasSize(3);
            assertThat(raw(config.topics().deadLetters())).hasSize(1);
            assertThat(app.isReady()).isFalse();
        } finally {
            registry.start();
        }

        // then
        List<Outcome> after = read(7);
        assertThat(after).hasSize(7);
        assertThat(after.stream().filter(Outcome::isDeadLetter)).as("nothing dead-lettered for the outage").hasSize(1);
        assertThat(label(after, "outage-grace_hopper.bmp")).endsWith("|during outage");
        assertThat(label(after, "outage-cat.bmp")).isEqualTo("Egyptian cat|during outage");
        assertThat(await(app::isReady, Duration.ofSeconds(15))).as("ready again").isTrue();
        assertThat(((PrometheusMeterRegistry) metrics.registry()).scrape())
                .containsPattern("vision_schema_registry_unavailable_total(\\{[^}]*\\})? [1-9]");
        // every result framed with the id registered under <topic>-value, its body Avro's binary of that schema
        for (ConsumerRecord<byte[], byte[]> r : raw(config.topics().resultsFor(VisionTask.CLASSIFICATION))) {
            assertThat(r.value()[0]).isZero();
            Schema writer = registry.schema(ByteBuffer.wrap(r.value(), 1, 4).getInt());
            assertThat(writer).isEqualTo(Classification.SCHEMA$);
            GenericRecord read = new GenericDatumReader<GenericRecord>(writer)
                    .read(null, DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null));
            assertThat(read.get("event_id").toString()).isIn("cat.bmp", "bird.bmp", "hot_dog.jpg", "outage-grace_hopper.bmp",
                    "outage-cat.bmp", "outage-hot_dog.jpg");
        }
        assertThat(registry.subjects()).contains(config.topics().resultsFor(VisionTask.CLASSIFICATION) + "-value",
                config.topics().deadLetters() + "-" + DeadLetter.SCHEMA$.getFullName());
    }

    @Test
    @Order(2)
    void kafkajsWithConfluentsSchemaRegistryLibrarySendsAnEventAndDecodesOurResults() throws Exception {
        assumeTrue(commandWorks("node", "--version"), "node is not installed");
        assumeTrue(Files.isDirectory(NODE_CLIENT.resolve("node_modules/@kafkajs/confluent-schema-registry")),
                "run npm ci in " + NODE_CLIENT);
        Map<String, String> env = new HashMap<>(Map.of("BOOTSTRAP", kafka.bootstrapServers(), "REGISTRY_URL", registry.url(),
                "INPUT_TOPIC", config.topics().imageEvents(), "OUTPUT_TOPIC",
                config.topics().resultsFor(VisionTask.CLASSIFICATION), "EVENT_ID", "kafkajs-cat",
                "IMAGE_EVENT_SCHEMA", Path.of("schemas/ImageEvent.avsc").toAbsolutePath().toString(),
                "IMAGE_FILE", SampleImages.image("cat.bmp").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder("node", "roundtrip.js").directory(NODE_CLIENT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        List<String> lines = run(builder, Duration.ofSeconds(150));

        assertThat(lines).anyMatch(l -> l.contains("\"event_id\":\"kafkajs-cat\"") && l.contains("\"label\":\"Egyptian cat\""));
        assertThat(lines).anyMatch(l -> l.contains("\"event_id\":\"cat.bmp\""));
    }

    @Test
    @Order(3)
    void librdkafkaWithPythonAvroReadsEveryResultBySchemaId() throws Exception {
        String python = commandWorks("/usr/bin/python3", "-c", "import avro.io, confluent_kafka") ? "/usr/bin/python3"
                : commandWorks("python3", "-c", "import avro.io, confluent_kafka") ? "python3" : null;
        assumeTrue(python != null, "python3 with confluent_kafka and avro (python3-confluent-kafka, python3-avro) is not installed");
        String topic = config.topics().resultsFor(VisionTask.CLASSIFICATION);
        List<ConsumerRecord<byte[], byte[]>> ours = raw(topic);

        List<String> lines = run(new ProcessBuilder(python, PYTHON_CLIENT.toString(), kafka.bootstrapServers(),
                registry.url(), topic, Integer.toString(ours.size())).redirectError(ProcessBuilder.Redirect.INHERIT), Duration.ofSeconds(120));

        assertThat(lines).as("every result of the run").hasSize(ours.size());
        assertThat(lines).anyMatch(l -> l.contains("\"event_id\": \"bird.bmp\"") && l.contains("\"label\": \"chickadee\""));
    }

    private static Properties registryClient() {
        Properties p = ClientProperties.of(kafka.bootstrapServers());
        p.put("schema.registry.url", registry.url());
        p.put("vision.serde.format", "registry");
        return p;
    }

    private static List<Outcome> read(int atLeast) throws Exception {
        Properties client = registryClient();
        try (ResultReader reader = new ResultReader(client, ResultReader.topicsOf(config.topics(), TASKS, ""), null, null,
                true)) {
            List<Outcome> out = new ArrayList<>(reader.readToEnd(Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                Thread.sleep(500);
                try (ResultReader again = new ResultReader(client, ResultReader.topicsOf(config.topics(), TASKS, ""), null,
                        null, true)) {
                    out = new ArrayList<>(again.readToEnd(Duration.ofSeconds(30)));
                }
            }
            return out;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> raw(String topic) {
        Properties p = ClientProperties.of(kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static String label(List<Outcome> outcomes, String eventId) {
        Classification c = (Classification) outcomes.stream()
                .filter(o -> o.task().equals("classification") && eventId.equals(o.eventId()))
                .reduce((a, b) -> { throw new AssertionError("two results for " + eventId); })
                .orElseThrow(() -> new AssertionError("no result for " + eventId + " in " + outcomes)).record();
        return c.getTopK().get(0).getLabel() + "|" + c.getAttributes().get("writer");
    }

    private static void send(ImageEventProducer producer, byte[] value) throws Exception {
        ImageEventProducer.await(producer.sendRaw("camera-7".getBytes(StandardCharsets.UTF_8), value,
                System.currentTimeMillis()));
    }

    private static ImageEvent event(String id, String writer) throws Exception {
        String file = id.substring(id.indexOf('-') + 1);
        return ImageEvent.newBuilder().setEventId(id).setSourceId("camera-7").setCapturedAt(CAPTURED)
                .setImage(ByteBuffer.wrap(SampleImages.bytes(file))).setAttributes(Map.of("writer", writer)).build();
    }

    /** What a Confluent serializer writes: magic byte 0, the id, then the record in Avro binary. */
    private static byte[] frame(int id, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> run(ProcessBuilder builder, Duration timeout) throws Exception {
        Process p = builder.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification");
        s.put("vision.serde.format", "registry");
        s.put("schema.registry.url", registry.url());
        s.put("vision.topics.image-events", "registry.image-events");
        s.put("vision.topics.classifications", "registry.classifications");
        s.put("vision.topics.detections", "registry.detections");
        s.put("vision.topics.segmentations", "registry.segmentations");
        s.put("vision.topics.dead-letters", "registry.dead-letters");
        s.put("vision.topics.tags", "registry.tags");
        s.put("vision.batch.workers", "1");
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("application.id", "vision-registry");
        s.put("state.dir", dir.resolve("state").toString());
        return s;
    }
}
