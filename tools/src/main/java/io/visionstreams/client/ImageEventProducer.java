package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.results.Serdes;
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

/** Sends ImageEvents to a topic, keyed by source_id, timestamped by captured_at, idempotently. */
public final class ImageEventProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public ImageEventProducer(String bootstrapServers, String topic) {
        this(ClientProperties.of(bootstrapServers), topic);
    }

    /** {@code client}: bootstrap servers and any security settings ({@link ClientProperties}); these defaults added. */
    public ImageEventProducer(Properties client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public Future<RecordMetadata> send(ImageEvent event) {
        return sendRaw(event.getSourceId().getBytes(StandardCharsets.UTF_8), Serdes.IMAGE_EVENT.encode(event),
                event.getCapturedAt().toEpochMilli());
    }

    /** Sends asynchronously; {@code callback} runs on the producer's I/O thread when the broker answers. */
    public Future<RecordMetadata> send(ImageEvent event, Callback callback) {
        return producer.send(new ProducerRecord<>(topic, null, event.getCapturedAt().toEpochMilli(),
                event.getSourceId().getBytes(StandardCharsets.UTF_8), Serdes.IMAGE_EVENT.encode(event)), callback);
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
