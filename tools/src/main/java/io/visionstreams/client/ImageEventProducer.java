package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.registry.Wire;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import io.visionstreams.results.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends ImageEvents to a topic, keyed by source_id, timestamped by captured_at, idempotently; in Avro
 * single-object encoding, or the schema registry's framing when the client settings say
 * {@code vision.serde.format=registry} (with {@code schema.registry.url}, registered at construction).
 */
public final class ImageEventProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AvroSerde<ImageEvent> serde;

    public ImageEventProducer(String bootstrapServers, String topic) {
        this(ClientProperties.of(bootstrapServers), topic);
    }

    /** {@code client}: bootstrap servers and any security settings ({@link ClientProperties}); these defaults added. */
    public ImageEventProducer(Properties client, String topic) {
        Wire wire = Wire.of(client);
        this.serde = wire.serde(Serdes.IMAGE_EVENT);
        try {
            wire.prepare(topic, ImageEvent.SCHEMA$); // a schema the registry refuses stops here, not at the first send
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot register ImageEvent for " + topic + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.putAll(client);
        p.remove(WireFormat.CONFIG);
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public Future<RecordMetadata> send(ImageEvent event) {
        return sendRaw(event.getSourceId().getBytes(StandardCharsets.UTF_8), encode(event),
                event.getCapturedAt().toEpochMilli());
    }

    /** Sends asynchronously; {@code callback} runs on the producer's I/O thread when the broker answers. */
    public Future<RecordMetadata> send(ImageEvent event, Callback callback) {
        return producer.send(new ProducerRecord<>(topic, null, event.getCapturedAt().toEpochMilli(),
                event.getSourceId().getBytes(StandardCharsets.UTF_8), encode(event)), callback);
    }

    /** An event's value as this producer writes it (single-object, or registry-framed). */
    public byte[] encode(ImageEvent event) {
        return serde.serializer().serialize(topic, event);
    }

    /** Sends any bytes (tests and tools use it for deliberately bad input). */
    public Future<RecordMetadata> sendRaw(byte[] key, byte[] value, long timestamp) {
        return producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
    }

    /** Sends any bytes with record headers (kept, in order, by the dead letter of a bad input). */
    public Future<RecordMetadata> sendRaw(byte[] key, byte[] value, long timestamp, Iterable<Header> headers) {
        return producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers));
    }

    public void flush() {
        producer.flush();
    }

    /** Waits for a send and rethrows its failure. */
    public static RecordMetadata await(Future<RecordMetadata> send) throws ExecutionException, InterruptedException {
        return send.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
