package io.visionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, finding 6, through {@link VisionApp} on the embedded broker: a model that hangs (no
 * failure, no answer) is found by the per-batch inference deadline; {@code /health/ready} answers 503
 * and {@code vision.model.hung} is 1 until the batch returns, then the event is classified.
 */
class HungModelReadinessTest {

    @TempDir
    Path dir;

    @Test
    void aHungModelMakesReadinessAnswer503UntilItsBatchReturns() throws Exception {
        FaultInjectingModel<?> model = FaultInjectingModel.failingOnPoisonedFrames(
                SharedModels.get(VisionTask.CLASSIFICATION));
        VisionMetrics metrics = VisionMetrics.prometheus();
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(settings(kafka.bootstrapServers()));
            kafka.createTopics(config.topics().all(), 1);
            try (VisionApp app = new VisionApp(config,
                    new LoadedModels(Map.<VisionTask, VisionModel<?>>of(VisionTask.CLASSIFICATION, model)),
                    Wiring.frameLoader(config), metrics, new Properties())) {
                app.start();
                URI ready = URI.create("http://127.0.0.1:" + app.httpPort() + "/health/ready");
                await(() -> status(http, ready) == 200);
                // when the model hangs on the next batch
                model.hangEveryBatch();
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka))) {
                    producer.send(new ProducerRecord<>(config.topics().imageEvents(), "cam".getBytes(StandardCharsets.UTF_8),
                            Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e0").setSourceId("cam")
                                    .setCapturedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                                    .setImage(ByteBuffer.wrap(SampleImages.bytes("cat.bmp"))).setAttributes(Map.of())
                                    .build()))).get();
                }
                // then past the 1 s deadline readiness is 503 and the gauge says hung
                await(() -> status(http, ready) == 503);
                assertThat(metrics.registry().get("vision.model.hung").tag("model", model.info().name()).gauge()
                        .value()).isEqualTo(1.0);
                assertThat(app.isReady()).isFalse();
                // when the model answers again, readiness is back and the event is classified
                model.heal();
                await(() -> status(http, ready) == 200);
                await(() -> metrics.registry().find("vision.results").counters().stream()
                        .mapToDouble(c -> c.count()).sum() >= 1);
            }
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within 90 s").isTrue();
    }

    private Map<String, String> settings(String bootstrapServers) {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification");
        s.put("vision.topics.image-events", "hung.image-events");
        s.put("vision.topics.classifications", "hung.classifications");
        s.put("vision.topics.detections", "hung.detections");
        s.put("vision.topics.segmentations", "hung.segmentations");
        s.put("vision.topics.dead-letters", "hung.dead-letters");
        s.put("vision.topics.tags", "hung.tags");
        s.put("vision.batch.workers", "1");
        s.put("vision.supervision.batch-deadline-ms", "1000");
        s.put("vision.http.port", "0");
        s.put("vision.http.bind-address", "127.0.0.1");
        s.put("bootstrap.servers", bootstrapServers);
        s.put("application.id", "vision-hung");
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
}
