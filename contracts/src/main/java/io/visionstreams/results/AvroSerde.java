package io.visionstreams.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in Avro's single-object encoding (2-byte marker,
 * 8-byte schema fingerprint, binary body): any consumer holding the schema files reads it,
 * no registry needed. {@code null} maps to {@code null} (tombstones).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        AvroLimits.install(); // before any value is read: declared lengths bounded (AvroLimits)
    }

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public byte[] encode(T record) {
        if (record == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes single-object-encoded bytes; fails on a wrong marker, unknown fingerprint or bad body. */
    public T decode(byte[] bytes) throws IOException {
        return bytes == null ? null : decoder.decode(bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            try {
                return decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a single-object-encoded record of this schema (topic " + topic + ")", e);
            }
        };
    }
}
