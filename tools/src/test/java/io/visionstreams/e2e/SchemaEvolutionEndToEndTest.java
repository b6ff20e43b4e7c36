package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.Reasons;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.ReleasedSchemas;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.WriterSchemas;
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
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers upgrade at different times. Given a running instance (classification, exactly-once,
 * a real broker) whose {@code vision.schemas.dir} holds a newer ImageEvent schema (one extra field
 * with a default), when events written with this build's, the oldest released and that newer schema
 * arrive, then each is classified like any other, attributes passed through; an event of a schema
 * the instance has no file for is a dead letter saying so, and the stream goes on.
 */
class SchemaEvolutionEndToEndTest {

    private static final Set<VisionTask> TASKS = Set.of(VisionTask.CLASSIFICATION);

    @TempDir
    Path dir;

    @Test
    void classifiesEventsOfOlderAndNewerProducersAndDeadLettersAnUnknownSchema() throws Exception {
        Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
        Schema unknown = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "gain_db");
        Schema oldest = ReleasedSchemas.all().get(0).schemas().get(ImageEvent.SCHEMA$.getFullName());
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(schemas.resolve("ImageEvent.avsc"), newer.toString(true));
        Instant captured = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);

        List<Outcome> outcomes = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(settings(kafka.bootstrapServers(), schemas));
            kafka.createTopics(config.topics().all(), 1);
            try (VisionApp app = new VisionApp(config, SharedModels.forTasks(TASKS), Wiring.frameLoader(config),
                    VisionMetrics.prometheus(), new Properties())) {
                app.start();
                // when
                try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(),
                        config.topics().imageEvents())) {
                    send(producer, Serdes.IMAGE_EVENT.encode(event("cat.bmp", captured, "this build")));
                    send(producer, WriterSchemas.writtenWith(oldest, event("hot_dog.jpg", captured, "release 0.1.0")));
                    GenericRecord fromNewer = WriterSchemas.asRecordOf(newer, event("bird.bmp", captured, "newer"));
                    fromNewer.put("exposure_us", 250);
                    send(producer, WriterSchemas.encode(fromNewer));
                    send(producer, WriterSchemas.writtenWith(unknown, event("parrot.jpg", captured, "unknown")));
                    send(producer, Serdes.IMAGE_EVENT.encode(event("grace_hopper.bmp", captured, "this build")));
                }
                try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config.topics(), TASKS)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (outcomes.size() < 5 && System.nanoTime() < deadline) {
                        outcomes.addAll(reader.poll(Duration.ofMillis(200)));
                    }
                }
            }
        } finally {
            Utils.delete(dir.resolve("state").toFile());
        }

        // then
        assertThat(outcomes).hasSize(5);
        assertThat(classification(outcomes, "cat.bmp")).isEqualTo("Egyptian cat|this build");
        assertThat(classification(outcomes, "hot_dog.jpg")).isEqualTo("hotdog, hot dog, red hot|release 0.1.0");
        assertThat(classification(outcomes, "bird.bmp")).as("written with the newer schema").isEqualTo("chickadee|newer");
        assertThat(classification(outcomes, "grace_hopper.bmp")).as("after the dead letter").endsWith("|this build");
        DeadLetter dl = (DeadLetter) outcomes.stream().filter(Outcome::isDeadLetter).findFirst().orElseThrow().record();
        assertThat(dl.getStage()).isEqualTo(Stage.DESERIALIZE);
        assertThat(dl.getReason()).isEqualTo(Reasons.UNKNOWN_SCHEMA);
        assertThat(dl.getMessage()).contains("vision.schemas.dir");
        assertThat(Serdes.bytes(dl.getOriginalValue())).as("kept for a replay once the schema file is there")
                .isEqualTo(WriterSchemas.writtenWith(unknown, event("parrot.jpg", captured, "unknown")));
    }

    private static String classification(List<Outcome> outcomes, String eventId) {
        Classification c = (Classification) outcomes.stream()
                .filter(o -> o.task().equals("classification") && eventId.equals(o.eventId()))
                .reduce((a, b) -> { throw new AssertionError("two results for " + eventId); })
                .orElseThrow(() -> new AssertionError("no result for " + eventId)).record();
        return c.getTopK().get(0).getLabel() + "|" + c.getAttributes().get("writer");
    }

    private static void send(ImageEventProducer producer, byte[] value) throws Exception {
        ImageEventProducer.await(producer.sendRaw("camera-9".getBytes(StandardCharsets.UTF_8), value,
                System.currentTimeMillis()));
    }

    private static ImageEvent event(String file, Instant captured, String writer) throws Exception {
        return ImageEvent.newBuilder().setEventId(file).setSourceId("camera-9").setCapturedAt(captured)
                .setImage(ByteBuffer.wrap(SampleImages.bytes(file))).setAttributes(Map.of("writer", writer)).build();
    }

    private Map<String, String> settings(String bootstrapServers, Path schemas) {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification");
        s.put("vision.topics.image-events", "evolution.image-events");
        s.put("vision.topics.classifications", "evolution.classifications");
        s.put("vision.topics.detections", "evolution.detections");
        s.put("vision.topics.segmentations", "evolution.segmentations");
        s.put("vision.topics.dead-letters", "evolution.dead-letters");
        s.put("vision.schemas.dir", schemas.toString());
        s.put("vision.batch.workers", "1");
        s.put("bootstrap.servers", bootstrapServers);
        s.put("application.id", "vision-evolution");
        s.put("state.dir", dir.resolve("state").toString());
        return s;
    }
}
