package io.visionstreams.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
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
 * no registry needed. {@code null} maps to {@code null} (tombstones). {@link #withFraming} gives
 * one that also reads registry-framed values (magic byte 0 + schema id, detected per value) and,
 * given a re-framing serializer, writes them from its {@link #serializer()} ({@code registry.Wire}).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        AvroLimits.install(); // before any value is read: declared lengths bounded (AvroLimits)
    }

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Schema schema;
    private final FramedDecoder<T> framed;
    private final Serializer<byte[]> reframer;

    public AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        this(encoder, decoder, null, null, null);
    }

    /** @param schema the reader's schema, needed to read registry-framed values */
    public AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, Schema schema) {
        this(encoder, decoder, schema, null, null);
    }

    private AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, Schema schema,
                      FramedDecoder<T> framed, Serializer<byte[]> reframer) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.schema = schema;
        this.framed = framed;
        this.reframer = reframer;
    }

    /**
     * The same serde, also reading values that start with a zero byte (the schema registry's framing) through
     * {@code framed}; with a {@code reframer} (null: none), its serializer passes the single-object bytes
     * through it, for the topic (to frame them with the registry's id).
     */
    public AvroSerde<T> withFraming(FramedDecoder<T> framed, Serializer<byte[]> reframer) {
        return new AvroSerde<>(encoder, decoder, schema, framed, reframer);
    }

    /** The reader's (and this build's writer) schema, or null when made without it. */
    public Schema schema() {
        return schema;
    }

    /** What reads values framed with a zero byte (registry-framed), or null. */
    public FramedDecoder<T> framedDecoder() {
        return framed;
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

    /**
     * Decodes single-object-encoded bytes, or registry-framed ones when made {@link #withRegistry}; fails on
     * a wrong marker, unknown fingerprint or schema id, bad body, or (registry-framed) whatever the
     * {@link FramedDecoder} throws, e.g. that the registry does not answer.
     */
    public T decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            return null;
        }
        if (bytes.length >= 5 && bytes[0] == 0) { // the registry's magic byte and a 4-byte schema id
            if (framed == null) {
                throw new IOException("registry-framed value (magic byte 0, schema id " + ByteBuffer.wrap(bytes, 1, 4).getInt()
                        + ") but no schema.registry.url is configured");
            }
            return framed.decode(bytes);
        }
        return decoder.decode(bytes);
    }

    /** Single-object encoding, or re-framed for the topic when made with a re-framing serializer. */
    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> reframer == null ? encode(record) : reframer.serialize(topic, encode(record));
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
