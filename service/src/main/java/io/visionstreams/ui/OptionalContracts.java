package io.visionstreams.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;

/**
 * Decoders for contracts this build may or may not carry (tracking's object events and zones): the
 * generated Avro class is looked up by name, and when it is absent the view shows what it has
 * without them (no timeline of object events, no zones) instead of failing.
 */
final class OptionalContracts {

    /** Decodes one record value to JSON; throws on bytes it cannot read. */
    interface Decoder {
        ObjectNode decode(byte[] value) throws Exception;
    }

    static final List<String> OBJECT_EVENT_CLASSES = List.of("io.visionstreams.avro.ObjectEvent");
    static final List<String> ZONES_CLASSES = List.of("io.visionstreams.avro.Zones", "io.visionstreams.avro.ZoneSet",
            "io.visionstreams.avro.SourceZones");

    private OptionalContracts() {}

    /** The first of {@code classNames} that this build has, as a decoder of its single-object encoding. */
    static Optional<Decoder> find(List<String> classNames) {
        for (String name : classNames) {
            try {
                Method from = Class.forName(name).getMethod("fromByteBuffer", ByteBuffer.class);
                return Optional.of(value -> AvroJson.of((IndexedRecord) from.invoke(null, ByteBuffer.wrap(value))));
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                // not in this build
            }
        }
        return Optional.empty();
    }
}
