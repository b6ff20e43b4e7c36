package io.visionstreams.registry;

import io.visionstreams.results.AvroLimits;
import io.visionstreams.results.FramedDecoder;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads registry-framed values into a generated record: the writer schema is fetched by the id the
 * value carries (cached), then resolved against the reader's, so a producer's newer compatible schema
 * reads with no file copied anywhere. Thread-safe.
 *
 * @param <T> the generated record type
 */
public final class RegistryDecoder<T> implements FramedDecoder<T> {

    static {
        AvroLimits.install(); // it reads values from topics too: declared lengths bounded before the first (AvroLimits)
    }

    private final RegistryClient client;
    private final Schema reader;
    private final Map<Integer, SpecificDatumReader<T>> byId = new ConcurrentHashMap<>();

    public RegistryDecoder(RegistryClient client, Schema reader) {
        this.client = client;
        this.reader = reader;
    }

    public RegistryClient client() {
        return client;
    }

    /**
     * @throws UnknownSchemaIdException     the registry does not know the id, or it names another record type
     * @throws RegistryUnavailableException the registry did not answer (not the value's fault)
     * @throws IOException                  the body does not match its writer schema
     */
    @Override
    public T decode(byte[] framed) throws IOException {
        int id = RegistryFraming.schemaId(framed);
        SpecificDatumReader<T> datumReader = byId.get(id);
        if (datumReader == null) {
            Schema writer;
            try {
                writer = client.schemaById(id);
            } catch (RegistryException e) {
                if (e.isNotFound()) {
                    throw new UnknownSchemaIdException(id, "schema id " + id + " is not in the schema registry");
                }
                throw e;
            }
            if (!reader.getFullName().equals(writer.getFullName())) {
                throw new UnknownSchemaIdException(id, "schema id " + id + " is a " + writer.getFullName()
                        + ", not a " + reader.getFullName());
            }
            datumReader = new SpecificDatumReader<>(writer, reader);
            byId.putIfAbsent(id, datumReader);
        }
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(framed, RegistryFraming.HEADER,
                framed.length - RegistryFraming.HEADER, null));
    }
}
