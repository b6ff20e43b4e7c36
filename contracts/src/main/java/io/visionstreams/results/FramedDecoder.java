package io.visionstreams.results;

import java.io.IOException;

/**
 * Reads values in a framing other than single-object encoding, one that starts with a zero byte: the
 * schema registry's (magic byte 0, schema id, Avro binary). Given to {@link AvroSerde#withFraming}; the
 * registry package implements it.
 *
 * @param <T> the generated record type
 */
@FunctionalInterface
public interface FramedDecoder<T> {

    T decode(byte[] framed) throws IOException;
}
