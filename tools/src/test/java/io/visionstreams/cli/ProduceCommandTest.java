package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.InProcessSchemaRegistry;
import io.visionstreams.testing.MjpegServer;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.TestVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vision-streams produce} against a real (embedded) broker, read back from the topic. */
class ProduceCommandTest {

    private static final Instant MODIFIED = Instant.parse("2025-06-07T08:09:10Z");

    @TempDir
    static Path tmp;

    private static EmbeddedKafka kafka;
    private static Path folder;

    @BeforeAll
    static void brokerAndFiles() throws Exception {
        kafka = EmbeddedKafka.start();
        // given: the same file name in two sub-folders, and a hidden folder
        folder = tmp.resolve("photos");
        Files.createDirectories(folder.resolve("door"));
        Files.createDirectories(folder.resolve("yard"));
        Files.createDirectories(folder.resolve(".thumbs"));
        Files.copy(SampleImages.image("hot_dog.jpg"), folder.resolve("door/frame.jpg")); // EXIF DateTimeOriginal
        Files.copy(SampleImages.image("000000000036.jpg"), folder.resolve("yard/frame.jpg")); // no EXIF date
        Files.copy(SampleImages.image("owl.jpg"), folder.resolve(".thumbs/frame.jpg"));
        Files.setLastModifiedTime(folder.resolve("yard/frame.jpg"), FileTime.from(MODIFIED));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void sendsOneEventPerFileWithIdsRelativeToTheFolderAndExifOrFileTimes() throws Exception {
        // when
        String topic = topic();
        int exit = produce(folder.toString(), "--topic", topic, "--source-id", "porch");
        // then
        assertThat(exit).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 2);
        List<ImageEvent> events = decode(records);
        assertThat(events).extracting(ImageEvent::getEventId).containsExactly("door/frame.jpg", "yard/frame.jpg");
        Instant exif = LocalDateTime.parse("2008-01-06T14:07:34").atZone(ZoneId.systemDefault()).toInstant();
        assertThat(events.get(0).getCapturedAt()).isEqualTo(exif);
        assertThat(events.get(0).getAttributes()).containsEntry("captured_at_from", "exif");
        assertThat(events.get(1).getCapturedAt()).isEqualTo(MODIFIED);
        assertThat(events.get(1).getAttributes()).containsEntry("captured_at_from", "mtime");
        assertThat(Serdes.bytes(events.get(1).getImage())).isEqualTo(SampleImages.bytes("000000000036.jpg"));
        for (int i = 0; i < 2; i++) {
            assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8)).isEqualTo("porch");
            assertThat(records.get(i).timestamp()).isEqualTo(events.get(i).getCapturedAt().toEpochMilli());
        }
    }

    @Test
    void claimCheckSendsTheFilesUriInsteadOfItsBytesWithTheAttributesGiven() throws Exception {
        String topic = topic();
        int exit = produce(folder.resolve("yard").toString(), "--topic", topic, "--claim-check",
                "--attribute", "site=lab", "--attribute", "camera=7");
        assertThat(exit).isZero();
        ImageEvent event = decode(read(topic, 1)).get(0);
        assertThat(event.getEventId()).isEqualTo("frame.jpg");
        assertThat(event.getImage()).isNull();
        assertThat(event.getImageUri()).isEqualTo(folder.resolve("yard/frame.jpg").toAbsolutePath().toUri().toString());
        assertThat(event.getAttributes()).containsEntry("site", "lab").containsEntry("camera", "7");
    }

    @Test
    void serdeFormatRegistryRegistersImageEventAndFramesEachEventWithItsId() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry("/apis/ccompat/v7", null)) {
            String topic = topic();
            Path config = tmp.resolve("registry-client.properties");
            Files.writeString(config, "schema.registry.url=" + registry.url() + "\n");

            int exit = produce(folder.resolve("yard").toString(), "--topic", topic, "--command-config", config.toString(),
                    "--serde-format", "registry");

            assertThat(exit).isZero();
            byte[] value = read(topic, 1).get(0).value();
            assertThat(value[0]).as("magic byte").isZero();
            int id = java.nio.ByteBuffer.wrap(value, 1, 4).getInt();
            assertThat(registry.subjects()).containsExactly(topic + "-value");
            assertThat(registry.schema(id)).isEqualTo(ImageEvent.SCHEMA$);
            ImageEvent event = new org.apache.avro.specific.SpecificDatumReader<ImageEvent>(ImageEvent.SCHEMA$).read(null,
                    org.apache.avro.io.DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            assertThat(event.getEventId()).isEqualTo("frame.jpg");
        }
    }

    @Test
    void refusesTwoFoldersWhoseFilesWouldShareAnEventId() throws Exception {
        String topic = topic();
        int exit = produce(folder.resolve("door").toString(), folder.resolve("yard").toString(), "--topic", topic);
        assertThat(exit).isEqualTo(VisionStreamsCli.EXIT_FAILURE);
    }

    @Test
    void sendsTheSampledFramesOfAVideoKeyedByTheCameraInOrder() throws Exception {
        // given: 4 s at 10 fps
        Path video = TestVideos.make(tmp.resolve("clip.mp4"), TestVideos.Kind.H264_MP4, 10, 4,
                "2024-05-01T21:30:00Z");
        String topic = topic();
        // when: 2 fps, at most 7 events
        int exit = produce("--video", video.toString(), "--fps", "2", "--max-frames", "7", "--source-id", "cam-9",
                "--topic", topic, "--attribute", "site=lab");
        // then
        assertThat(exit).isZero();
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 7);
        List<ImageEvent> events = decode(records);
        assertThat(events).extracting(ImageEvent::getEventId)
                .containsExactly("cam-9/0", "cam-9/5", "cam-9/10", "cam-9/15", "cam-9/20", "cam-9/25", "cam-9/30");
        assertThat(records).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("cam-9"));
        assertThat(records.get(6).timestamp()).isEqualTo(Instant.parse("2024-05-01T21:30:03Z").toEpochMilli());
        assertThat(events).allSatisfy(e -> assertThat(e.getAttributes()).containsEntry("site", "lab"));
    }

    @Test
    void sendsAnMjpegStreamOverReconnectsUntilMaxFrames() throws Exception {
        // given: a camera that drops the connection every 3 frames
        try (MjpegServer camera = new MjpegServer(List.of(SampleImages.bytes("hot_dog.jpg")), 20, 3, 0)) {
            String topic = topic();
            // when
            int exit = produce("--video", camera.url(), "--max-frames", "8", "--source-id", "gate", "--topic", topic);
            // then
            assertThat(exit).isZero();
            List<ImageEvent> events = decode(read(topic, 8));
            assertThat(events).hasSize(8).allSatisfy(e -> assertThat(e.getEventId()).startsWith("gate/"));
            assertThat(camera.connections()).isGreaterThanOrEqualTo(3);
        }
    }

    private static int produce(String... args) {
        List<String> all = new ArrayList<>(List.of("produce", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .execute(all.toArray(String[]::new));
    }

    private static String topic() {
        String topic = "events-" + UUID.randomUUID();
        kafka.createTopics(List.of(topic), 1);
        return topic;
    }

    /** Waits for {@code n} records, then a little longer to see that no more come. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int n) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "read-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        assertThat(records).hasSize(n);
        return records;
    }

    private static List<ImageEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<ImageEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            events.add(Serdes.IMAGE_EVENT.decode(r.value()));
        }
        return events;
    }
}
