package io.visionstreams.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records as producers on other schema versions write them: an older release's schema, or a newer
 * one with an extra field (with a default), in Avro's single-object encoding.
 */
public final class WriterSchemas {

    private WriterSchemas() {}

    /** {@code schema} with one more field at the end: an int with default 0, as a newer release would add it. */
    public static Schema withExtraIntField(Schema schema, String field) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field(field, Schema.create(Schema.Type.INT), "Added by a newer release.", 0));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** A generic record of {@code writer} holding what {@code record} holds (fields the writer lacks dropped, its own defaulted). */
    public static GenericRecord asRecordOf(Schema writer, SpecificRecord record) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(raw, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema(), writer)
                    .read(null, DecoderFactory.get().binaryDecoder(raw.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} in single-object encoding with its own schema as the writer's. */
    public static byte[] encode(GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a producer holding {@code writer} sends for {@code record}. */
    public static byte[] writtenWith(Schema writer, SpecificRecord record) {
        return encode(asRecordOf(writer, record));
    }
}
