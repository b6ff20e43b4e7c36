package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code view}: the live view of a cluster this process does not run, and its refusal to serve others without a token. */
@Timeout(180)
class ViewCommandTest {

    private static final Pattern URL = Pattern.compile("live view: (http://127\\.0\\.0\\.1:\\d+/ui/)");

    @Test
    void servesTheSourcesOfASeparatelyRunningBrokerOnLoopback() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(List.of("vision.image-events"), 1);
            StringWriter console = new StringWriter();
            Thread view = new Thread(() -> VisionStreamsCli.commandLine(new PrintWriter(console, true), new PrintWriter(console, true))
                    .execute("view", "--bootstrap-server", kafka.bootstrapServers(), "--port", "0", "--duration", "60"));
            view.start();
            String url = null;
            for (int i = 0; i < 300 && url == null; i++) {
                Thread.sleep(100);
                Matcher m = URL.matcher(console.toString());
                url = m.find() ? m.group(1) : null;
            }
            assertThat(url).as(console.toString()).isNotNull();
            // given a frame of camera "door" sent after the view started
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("vision.image-events", "door".getBytes(StandardCharsets.UTF_8),
                        Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("door/1").setSourceId("door")
                                .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(SampleImages.bytes("parrot.jpg")))
                                .build()))).get();
            }
            // then the sources page's data lists it, and its page is served
            HttpClient http = HttpClient.newHttpClient();
            String sources = "";
            for (int i = 0; i < 100 && !sources.contains("\"door\""); i++) {
                Thread.sleep(200);
                sources = http.send(HttpRequest.newBuilder(URI.create(url + "api/sources")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(sources).contains("\"source_id\":\"door\"");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("/ui/assets/sources.js");
            view.interrupt();
            view.join(30_000);
        }
    }

    @Test
    void refusesToServeAnotherInterfaceWithoutAToken() {
        StringWriter err = new StringWriter();
        int exit = VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("view", "--bootstrap-server", "127.0.0.1:1", "--bind", "0.0.0.0", "--token", "");
        assertThat(exit).isEqualTo(VisionStreamsCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--bind 0.0.0.0 is not loopback: give --token");
    }
}
