package io.visionstreams.registry;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Tags;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.WireFormat;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The wire of one client configuration: the format values are written in ({@code vision.serde.format})
 * and the registry, if {@code schema.registry.url} is set, that registry-framed values are read through
 * (and written to). Makes any contract's serde speak it ({@link #serde}), for any generated record type.
 */
public final class Wire {

    /** The public contracts the application writes or reads; any other type joins when its serde is made. */
    private static final List<Schema> CONTRACTS = List.of(ImageEvent.SCHEMA$, Classification.SCHEMA$,
            Detections.SCHEMA$, Segmentation.SCHEMA$, Tags.SCHEMA$, DeadLetter.SCHEMA$, ObjectEvent.SCHEMA$);

    private static final Wire SINGLE_OBJECT = new Wire(WireFormat.SINGLE_OBJECT, null, null);

    private final WireFormat format;
    private final RegistryClient registry;
    private final RegistryWriter writer;

    private Wire(WireFormat format, RegistryClient registry, RegistryWriter writer) {
        this.format = format;
        this.registry = registry;
        this.writer = writer;
    }

    /** Single-object out, and no registry to read framed values with. */
    public static Wire singleObject() {
        return SINGLE_OBJECT;
    }

    /**
     * @param clientConfig the registry settings ({@link RegistrySettings}) among the client's others
     * @param strategies   per topic, a subject strategy other than {@code value.subject.name.strategy}
     * @throws IllegalArgumentException registry format without {@code schema.registry.url}, or a wrong setting
     */
    public static Wire of(WireFormat format, Map<?, ?> clientConfig, Map<String, SubjectStrategy> strategies) {
        RegistrySettings settings = RegistrySettings.from(clientConfig);
        if (settings == null) {
            if (format == WireFormat.REGISTRY) {
                throw new IllegalArgumentException(WireFormat.CONFIG + "=registry needs " + RegistrySettings.URL);
            }
            return SINGLE_OBJECT;
        }
        RegistryClient client = new RegistryClient(settings);
        return new Wire(format, client,
                format == WireFormat.REGISTRY ? new RegistryWriter(client, CONTRACTS, strategies) : null);
    }

    /** As {@link #of(WireFormat, Map, Map)} with the format named by the config's own {@code vision.serde.format}. */
    public static Wire of(Map<?, ?> clientConfig) {
        Object format = clientConfig.get(WireFormat.CONFIG);
        return of(WireFormat.fromConfigName(format == null ? null : format.toString()), clientConfig, Map.of());
    }

    public WireFormat format() {
        return format;
    }

    /** The registry, or null when none is configured. */
    public RegistryClient registry() {
        return registry;
    }

    /** {@code base}, reading registry-framed values when a registry is configured, and writing them in registry format. */
    public <T extends SpecificRecord> AvroSerde<T> serde(AvroSerde<T> base) {
        if (registry == null) {
            return base;
        }
        if (base.schema() == null) {
            throw new IllegalArgumentException("a serde made without its reader schema cannot read registry-framed values");
        }
        if (writer != null) {
            writer.addWriter(base.schema());
        }
        return base.withFraming(new RegistryDecoder<>(registry, base.schema()), writer);
    }

    /**
     * For sinks of single-object-encoded values (what the processors make): unchanged, or re-framed for the
     * registry.
     */
    public Serializer<byte[]> values() {
        return writer != null ? writer : (topic, value) -> value;
    }

    /**
     * Resolves the schema id of {@code schema} on {@code topic} now (registry format; nothing otherwise), so
     * that a refused schema stops the start.
     *
     * @return the id, or -1 in single-object format
     */
    public int prepare(String topic, Schema schema) throws IOException {
        return writer == null ? -1 : writer.prepare(topic, schema);
    }

    /** The subject values of {@code schema} on {@code topic} are registered under (registry format), else null. */
    public String subject(String topic, Schema schema) {
        return writer == null ? null : writer.subject(topic, schema);
    }
}
