package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.ZoneLine;
import io.visionstreams.avro.ZonePoint;
import io.visionstreams.avro.Zones;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.MovingObjects;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.topology.Names;
import java.awt.image.BufferedImage;
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
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking on a real broker, exactly-once, with the real SSDLite detector, on a zebra cut from a COCO
 * sample walking over a grey background: 13 frames left to right (x 0.22 → 0.82, 0.05 a frame, 100 ms
 * apart), then 13 back.
 */
class TrackingEndToEndTest {

    /** Recent: frames keep captured_at as record timestamp, and the broker's 7-day retention deletes older ones at once. */
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    private static final String SOURCE = "cam-1";

    @TempDir
    Path dir;

    private static double xOf(int frame) {
        return frame <= 12 ? 0.22 + 0.05 * frame : 0.82 - 0.05 * (frame - 13);
    }

    @Test
    void aZoneChangedOnTheZonesTopicChangesTheEventsOfTheFollowingFramesWithoutARestart() throws Exception {
        BufferedImage zebra = MovingObjects.zebra(200);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(settings(kafka, "live", Map.of()));
            kafka.createTopics(config.topics().all(), 1);
            try (VisionApp app = new VisionApp(config, SharedModels.forTasks(Set.of(VisionTask.DETECTION)),
                    Wiring.frameLoader(config), VisionMetrics.prometheus(), new Properties())) {
                app.start();
                // given: the zebra crosses x = 0.5 left to right with no zones anywhere
                produce(kafka, config, zebra, 0, 13);
                awaitRecords(kafka, config.topics().resultsFor(VisionTask.DETECTION), 13);
                // when: an operator publishes a gate at x = 0.5 for the camera, and the zebra walks back
                Zones gate = new Zones(List.of(), List.of(new ZoneLine("gate",
                        List.of(new ZonePoint(0.5, 0.0), new ZonePoint(0.5, 1.0)), List.of())));
                try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProps(kafka))) {
                    p.send(new ProducerRecord<>(config.topics().zones(), SOURCE.getBytes(StandardCharsets.UTF_8),
                            Serdes.ZONES.encode(gate))).get();
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (app.streams().store(StoreQueryParameters.fromNameAndType(Names.ZONES_STORE,
                        QueryableStoreTypes.<String, byte[]>keyValueStore())).get(SOURCE) == null) {
                    assertThat(System.nanoTime()).as("the zones record reached the global table").isLessThan(deadline);
                    Thread.sleep(50);
                }
                produce(kafka, config, zebra, 13, 26);
                List<byte[]> detections = awaitRecords(kafka, config.topics().resultsFor(VisionTask.DETECTION), 26);
                List<byte[]> tags = awaitRecords(kafka, config.topics().tags(), 26);
                List<ObjectEvent> events = decodeEvents(awaitRecords(kafka, config.topics().objectEvents(), 2));

                // then: one track all along; appeared once; one crossing, on the way back, right to left on the picture
                List<Long> ids = detections.stream().map(TrackingEndToEndTest::zebraTrack).toList();
                assertThat(ids.subList(1, 26)).as("track of the zebra on frames 1-25").containsOnly(1L);
                assertThat(events).extracting(ObjectEvent::getType).containsExactly("appeared", "line_crossed");
                ObjectEvent crossing = events.get(1);
                assertThat(crossing.getTrackId()).isEqualTo(1L);
                assertThat(crossing.getLine()).isEqualTo("gate");
                assertThat(crossing.getFromSide()).isEqualTo("left");
                assertThat(crossing.getToSide()).isEqualTo("right");
                // the anchor passes 0.5 between frame 19 (x 0.52) and 20 (0.47); the detector's box may shift it a frame
                assertThat(crossing.getEventId()).isIn("f19", "f20", "f21");
                assertThat(crossing.getFromPoint().getX()).isGreaterThan(0.5f);
                assertThat(crossing.getToPoint().getX()).isLessThan(0.5f);
                // and Tags name the same track as the Detections they list
                Tags last = Serdes.TAGS.decode(tags.get(25));
                assertThat(last.getLabels()).filteredOn(l -> l.getLabel().equals("zebra"))
                        .extracting(TagLabel::getTrackId).containsExactly(1L);
            }
        } finally {
            Utils.delete(dir.resolve("state-live").toFile());
        }
    }

    @Test
    void replayingTheFramesOrRestartingWithTheStateRestoredGivesByteIdenticalEvents() throws Exception {
        BufferedImage zebra = MovingObjects.zebra(200);
        Path zonesFile = Files.writeString(dir.resolve("zones.json"), """
                {"sources": {"*": {
                  "zones": [{"name": "yard", "polygon": [[0.6, 0.0], [1.0, 0.0], [1.0, 1.0], [0.6, 1.0]]}],
                  "lines": [{"name": "gate", "points": [[0.5, 0.0], [0.5, 1.0]]}]}}}
                """);
        Map<String, String> extra = Map.of("vision.zones.file", zonesFile.toString(), "vision.tracking.lost-after-ms", "300");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            // given: one instance tracks all 18 frames (13 with the zebra walking right, 5 empty: the track ends)
            VisionConfig whole = VisionConfig.from(settings(kafka, "whole", extra));
            kafka.createTopics(whole.topics().all(), 1);
            try (VisionApp app = app(whole)) {
                produce(kafka, whole, zebra, 0, 18);
                awaitRecords(kafka, whole.topics().resultsFor(VisionTask.DETECTION), 18);
            }
            List<byte[]> once = awaitRecords(kafka, whole.topics().objectEvents(), 1);

            // when: another tracks the first 7, stops, loses its local state, and tracks the rest from the changelog
            VisionConfig split = VisionConfig.from(settings(kafka, "split", extra));
            kafka.createTopics(split.topics().all(), 1);
            try (VisionApp app = app(split)) {
                produce(kafka, split, zebra, 0, 7);
                awaitRecords(kafka, split.topics().resultsFor(VisionTask.DETECTION), 7);
            }
            Utils.delete(dir.resolve("state-split").toFile());
            try (VisionApp app = app(split)) {
                produce(kafka, split, zebra, 7, 18);
                awaitRecords(kafka, split.topics().resultsFor(VisionTask.DETECTION), 18);
            }
            List<byte[]> restarted = awaitRecords(kafka, split.topics().objectEvents(), once.size());

            // then: the same events, byte for byte: appeared, crossed the gate, entered the yard, left
            assertThat(decodeEvents(once)).extracting(ObjectEvent::getType)
                    .containsExactly("appeared", "line_crossed", "zone_entered", "zone_left", "left");
            assertThat(restarted).hasSameSizeAs(once);
            for (int i = 0; i < once.size(); i++) {
                assertThat(restarted.get(i)).as("event %d", i).isEqualTo(once.get(i));
            }
        } finally {
            Utils.delete(dir.resolve("state-whole").toFile());
            Utils.delete(dir.resolve("state-split").toFile());
        }
    }

    private VisionApp app(VisionConfig config) throws Exception {
        VisionApp app = new VisionApp(config, SharedModels.forTasks(Set.of(VisionTask.DETECTION)),
                Wiring.frameLoader(config), VisionMetrics.prometheus(), new Properties());
        app.start();
        return app;
    }

    private static Long zebraTrack(byte[] value) {
        try {
            Detections d = Serdes.DETECTIONS.decode(value);
            return d.getObjects().stream().filter(o -> o.getLabel().equals("zebra")).map(DetectedObject::getTrackId)
                    .filter(Objects::nonNull).findFirst().orElse(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<ObjectEvent> decodeEvents(List<byte[]> values) throws Exception {
        List<ObjectEvent> out = new ArrayList<>();
        for (byte[] v : values) {
            out.add(Serdes.OBJECT_EVENT.decode(v));
        }
        return out;
    }

    /** Frames {@code from} to {@code to - 1}: the zebra at {@link #xOf} (frames past 12 of an 18-frame run are empty). */
    private static void produce(EmbeddedKafka kafka, VisionConfig config, BufferedImage zebra, int from, int to)
            throws Exception {
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
            for (int f = from; f < to; f++) {
                boolean empty = to == 18 && f > 12;
                byte[] jpeg = MovingObjects.frame(zebra, empty ? -1 : xOf(f), 0.9);
                ImageEvent event = ImageEvent.newBuilder().setEventId("f" + f).setSourceId(SOURCE)
                        .setCapturedAt(T0.plusMillis(100L * f)).setImage(ByteBuffer.wrap(jpeg))
                        .setAttributes(Map.of("frame", String.valueOf(f))).build();
                ImageEventProducer.await(producer.send(event));
            }
        }
    }

    /** Every committed record of the topic, once it has at least {@code count} (150 s at most). */
    private static List<byte[]> awaitRecords(EmbeddedKafka kafka, String topic, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<byte[]> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                if (out.size() >= count) {
                    // a little longer, so that a record too many shows
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
                    return out;
                }
            }
            throw new AssertionError(topic + ": " + out.size() + " records, expected " + count + ": "
                    + out.stream().map(v -> new String(v, StandardCharsets.ISO_8859_1).replaceAll("[^A-Za-z0-9 .-]", ""))
                    .map(v -> v.substring(0, Math.min(40, v.length()))).toList());
        }
    }

    private static Properties producerProps(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return p;
    }

    private Map<String, String> settings(EmbeddedKafka kafka, String name, Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "detection");
        for (String topic : List.of("image-events", "classifications", "detections", "segmentations", "dead-letters",
                "tags", "object-events", "zones")) {
            s.put("vision.topics." + topic, name + "." + topic);
        }
        s.put("vision.batch.workers", "1");
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("application.id", "tracking-" + name);
        s.put("state.dir", dir.resolve("state-" + name).toString());
        s.putAll(extra);
        return s;
    }
}
