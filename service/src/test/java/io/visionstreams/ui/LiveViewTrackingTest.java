package io.visionstreams.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.results.Serdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With tracking's contracts in the build (ObjectEvent, Zones), a source's stream carries its zones
 * and its object events; skipped in a build without them. The records are built from the generated
 * classes' own schemas, so this compiles either way.
 */
@Timeout(180)
class LiveViewTrackingTest {

    @Test
    void aSourcesZonesAndObjectEventsReachItsStream() throws Exception {
        Schema event = schema("io.visionstreams.avro.ObjectEvent");
        Schema zones = schema("io.visionstreams.avro.Zones");
        assumeTrue(event != null && zones != null, "this build has no tracking contracts");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            VisionConfig config = ConfigLoader.load(null, Map.of(), Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "vision.tasks", "detection"));
            kafka.createTopics(List.of(config.topics().imageEvents(), LiveTopics.OBJECT_EVENTS, LiveTopics.ZONES), 1);
            try (LiveView view = LiveView.of(config, client, Serdes.IMAGE_EVENT, new ImageFetcher(), null);
                 LiveViewServer server = new LiveViewServer("127.0.0.1", 0, view);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                // given a zone "yard" for cam-1 and one "appeared" event of its track 7
                GenericRecord yard = filled(zones);
                GenericRecord zone = filled(zones.getField("zones").schema().getElementType());
                zone.put("name", "yard");
                Schema point = zone.getSchema().getField("polygon").schema().getElementType();
                List<GenericRecord> polygon = new ArrayList<>();
                for (double[] xy : new double[][] {{0.1, 0.5}, {0.9, 0.5}, {0.9, 0.95}}) {
                    GenericRecord p = new GenericData.Record(point);
                    p.put("x", xy[0]);
                    p.put("y", xy[1]);
                    polygon.add(p);
                }
                zone.put("polygon", polygon);
                yard.put("zones", List.of(zone));
                GenericRecord appeared = filled(event);
                appeared.put("type", "appeared");
                appeared.put("source_id", "cam-1");
                appeared.put("event_id", "cam-1/3");
                appeared.put("track_id", 7L);
                appeared.put("label", "person");
                send(producer, LiveTopics.ZONES, encode(yard));
                send(producer, LiveTopics.OBJECT_EVENTS, encode(appeared));
                // when / then
                List<String> events = stream("http://127.0.0.1:" + server.port() + "/ui/api/source/cam-1/stream", 2);
                assertThat(events).anySatisfy(e -> assertThat(e).startsWith("zones ").contains("\"name\":\"yard\"")
                        .contains("\"polygon\":[{\"x\":0.1,\"y\":0.5}"));
                assertThat(events).anySatisfy(e -> assertThat(e).startsWith("moment ").contains("\"type\":\"appeared\"")
                        .contains("\"track_id\":7").contains("\"kind\":\"object_event\""));
            }
        }
    }

    private static Schema schema(String className) {
        try {
            return (Schema) Class.forName(className).getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** A record of {@code schema} with every field at its default, or an empty value of its type. */
    private static GenericRecord filled(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            r.put(f.pos(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : empty(f.schema()));
        }
        return r;
    }

    private static Object empty(Schema s) {
        return switch (s.getType()) {
            case STRING -> "";
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case RECORD -> filled(s);
            case UNION -> null;
            default -> throw new IllegalArgumentException("no empty value for " + s);
        };
    }

    private static byte[] encode(GenericRecord r) throws Exception {
        ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), r.getSchema()).encode(r);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "cam-1".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    /** The first {@code n} zones and moment events of a stream, each as "name data". */
    private static List<String> stream(String url, int n) throws Exception {
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> out = new ArrayList<>();
        String name = null;
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (out.size() < n && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ") && !"null".equals(line.substring(6))) {
                    out.add(name + " " + line.substring(6));
                }
            }
        }
        return out;
    }
}
