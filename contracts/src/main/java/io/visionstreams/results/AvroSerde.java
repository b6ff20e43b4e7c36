package io.visionstreams.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.visionstreams.registry.RegistryClient;
import io.visionstreams.registry.RegistryDecoder;
import io.visionstreams.registry.RegistryFraming;
import io.visionstreams.registry.RegistryWriter;
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
 * no registry needed. {@code null} maps to {@code null} (tombstones). {@link #withRegistry} gives
 * one that also reads registry-framed values (magic byte 0 + schema id, detected per value) and,
 * given a {@link RegistryWriter}, writes them from its {@link #serializer()}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        AvroLimits.install(); // before any value is read: declared lengths bounded (AvroLimits)
    }

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Schema schema;
    private final RegistryDecoder<T> registryReader;
    private final RegistryWriter registryWriter;

    public AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
        this(encoder, decoder, null, null, null);
    }

    /** @param schema the reader's schema, needed to read registry-framed values */
    public AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, Schema schema) {
        this(encoder, decoder, schema, null, null);
    }

    private AvroSerde(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, Schema schema,
                      RegistryDecoder<T> registryReader, RegistryWriter registryWriter) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.schema = schema;
        this.registryReader = registryReader;
        this.registryWriter = registryWriter;
    }

    /**
     * The same serde, also reading registry-framed values through {@code registry}; with a {@code writer}
     * (null: none), its serializer writes them too.
     */
    public AvroSerde<T> withRegistry(RegistryClient registry, RegistryWriter writer) {
        if (schema == null) {
            throw new IllegalStateException("this serde was made without its reader schema");
        }
        return new AvroSerde<>(encoder, decoder, schema, registry == null ? null : new RegistryDecoder<>(registry, schema),
                writer);
    }

    /** The reader's (and this build's writer) schema, or null when made without it. */
    public Schema schema() {
        return schema;
    }

    /** The registry registry-framed values are read through, or null. */
    public RegistryClient registry() {
        return registryReader == null ? null : registryReader.client();
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
     * a wrong marker, unknown fingerprint or id ({@link io.visionstreams.registry.UnknownSchemaIdException}),
     * bad body, or a registry that does not answer ({@link io.visionstreams.registry.RegistryUnavailableException}).
     */
    public T decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            return null;
        }
        if (RegistryFraming.isFramed(bytes)) {
            if (registryReader == null) {
                throw new IOException("registry-framed value (magic byte 0, schema id " + RegistryFraming.schemaId(bytes)
                        + ") but no schema.registry.url is configured");
            }
            return registryReader.decode(bytes);
        }
        return decoder.decode(bytes);
    }

    /** Single-object encoding, or the registry's framing for the topic when made with a writer. */
    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> registryWriter == null ? encode(record) : registryWriter.serialize(topic, encode(record));
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
