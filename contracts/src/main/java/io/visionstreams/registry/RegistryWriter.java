package io.visionstreams.registry;

import io.visionstreams.results.AvroLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Re-frames single-object-encoded values (what the application's encoders make) into the registry
 * wire format for the topic they go to. The schema id of each (topic, writer schema) comes from the
 * registry once and is cached: registered under the topic's subject ({@code auto.register.schemas}),
 * looked up there, or the subject's latest version ({@code use.latest.version}, the body then
 * re-encoded with that schema). Call {@link #prepare} at start-up for every pair, so that a schema the
 * registry refuses stops the start rather than a stream thread. Thread-safe.
 */
public final class RegistryWriter implements Serializer<byte[]> {

    static {
        AvroLimits.install(); // it reads values from topics too: declared lengths bounded before the first (AvroLimits)
    }

    private record Binding(int id, Schema writer, Schema target) {}

    private final RegistryClient client;
    private final Map<Long, Schema> writers = new ConcurrentHashMap<>();
    private final Map<String, SubjectStrategy> strategies;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    /**
     * @param writers    the schemas the values may be written with (looked up by fingerprint)
     * @param strategies per topic, a subject strategy other than {@code value.subject.name.strategy}
     */
    public RegistryWriter(RegistryClient client, Collection<Schema> writers, Map<String, SubjectStrategy> strategies) {
        this.client = client;
        writers.forEach(s -> this.writers.put(SchemaNormalization.parsingFingerprint64(s), s));
        this.strategies = Map.copyOf(strategies);
    }

    /** Values written with {@code schema} may come: it joins the schemas looked up by fingerprint. */
    public void addWriter(Schema schema) {
        writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    public RegistryClient client() {
        return client;
    }

    /** The subject values of {@code schema} on {@code topic} go under. */
    public String subject(String topic, Schema schema) {
        return strategies.getOrDefault(topic, client.settings().strategy()).subject(topic, schema);
    }

    /**
     * Resolves (and caches) the schema id for values of {@code schema} on {@code topic}.
     *
     * @return the id
     * @throws RegistryException            the registry refused it (409: incompatible; 404: not registered
     *                                      and {@code auto.register.schemas=false})
     * @throws RegistryUnavailableException the registry did not answer
     */
    public int prepare(String topic, Schema schema) throws IOException {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        writers.putIfAbsent(fingerprint, schema);
        String key = topic + "\n" + fingerprint;
        Binding known = bindings.get(key);
        if (known != null) {
            return known.id();
        }
        String subject = subject(topic, schema);
        Binding binding;
        if (client.settings().useLatestVersion()) {
            RegistryClient.Registered latest = client.latest(subject);
            var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new RegistryException(409, 409, "use.latest.version: the latest version of subject " + subject
                        + " (id " + latest.id() + ") cannot read " + schema.getFullName() + " as this build writes it: "
                        + compatibility.getDescription());
            }
            binding = new Binding(latest.id(), schema, latest.schema());
        } else {
            int id = client.settings().autoRegister() ? client.register(subject, schema) : client.lookup(subject, schema);
            binding = new Binding(id, schema, schema);
        }
        bindings.put(key, binding);
        return binding.id();
    }

    @Override
    public byte[] serialize(String topic, byte[] singleObject) {
        if (singleObject == null) {
            return null;
        }
        if (!RegistryFraming.isSingleObject(singleObject)) {
            throw new SerializationException("not a single-object-encoded value for " + topic);
        }
        long fingerprint = RegistryFraming.fingerprint(singleObject);
        Binding binding = bindings.get(topic + "\n" + fingerprint);
        try {
            if (binding == null) { // not prepared at start-up: resolve now, once
                Schema schema = writers.get(fingerprint);
                if (schema == null) {
                    throw new SerializationException("no writer schema with fingerprint " + Long.toHexString(fingerprint));
                }
                prepare(topic, schema);
                binding = bindings.get(topic + "\n" + fingerprint);
            }
            int offset = RegistryFraming.SINGLE_OBJECT_HEADER;
            int length = singleObject.length - offset;
            if (binding.writer() == binding.target()) {
                return RegistryFraming.frame(binding.id(), singleObject, offset, length);
            }
            byte[] body = reencode(binding, singleObject, offset, length);
            return RegistryFraming.frame(binding.id(), body, 0, body.length);
        } catch (IOException e) {
            throw new SerializationException("cannot write a registry-framed value to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The body re-written with the subject's latest schema (use.latest.version), resolving from the writer's. */
    private static byte[] reencode(Binding b, byte[] bytes, int offset, int length) throws IOException {
        Object datum = new GenericDatumReader<>(b.writer(), b.target())
                .read(null, DecoderFactory.get().binaryDecoder(bytes, offset, length, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 16);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(b.target()).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
