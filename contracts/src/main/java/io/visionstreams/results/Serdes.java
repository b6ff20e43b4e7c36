package io.visionstreams.results;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.Zones;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * One serde per contract; stateless and thread-safe, so shared. Each public contract's decoder
 * reads records written with this build's schema and with every released one
 * ({@link ReleasedSchemas}); {@link #imageEvent(SchemaStore)} also resolves newer writers.
 */
public final class Serdes {

    public static final AvroSerde<ImageEvent> IMAGE_EVENT = imageEvent(null);
    public static final AvroSerde<Classification> CLASSIFICATION =
            resolving(Classification.SCHEMA$, Classification.getEncoder(), Classification::createDecoder, null);
    public static final AvroSerde<Detections> DETECTIONS =
            resolving(Detections.SCHEMA$, Detections.getEncoder(), Detections::createDecoder, null);
    public static final AvroSerde<Segmentation> SEGMENTATION =
            resolving(Segmentation.SCHEMA$, Segmentation.getEncoder(), Segmentation::createDecoder, null);
    public static final AvroSerde<DeadLetter> DEAD_LETTER =
            resolving(DeadLetter.SCHEMA$, DeadLetter.getEncoder(), DeadLetter::createDecoder, null);
    public static final AvroSerde<Tags> TAGS =
            resolving(Tags.SCHEMA$, Tags.getEncoder(), Tags::createDecoder, null);
    public static final AvroSerde<ObjectEvent> OBJECT_EVENT =
            resolving(ObjectEvent.SCHEMA$, ObjectEvent.getEncoder(), ObjectEvent::createDecoder, null);
    public static final AvroSerde<Zones> ZONES =
            resolving(Zones.SCHEMA$, Zones.getEncoder(), Zones::createDecoder, null);

    private Serdes() {}

    /**
     * The ImageEvent serde, whose decoder also asks {@code newerWriters} (e.g. a {@link SchemaDirectory})
     * for writer schemas it does not know; null: this build's and the released schemas only.
     */
    public static AvroSerde<ImageEvent> imageEvent(SchemaStore newerWriters) {
        return resolving(ImageEvent.SCHEMA$, ImageEvent.getEncoder(), ImageEvent::createDecoder, newerWriters);
    }

    /**
     * A serde whose decoder knows the reader's own schema, every released writer schema of the same
     * record, and asks {@code more} (may be null) for any other fingerprint; a schema of another
     * record that {@code more} finds is ignored, so such bytes fail like unknown ones.
     */
    public static <T extends SpecificRecord> AvroSerde<T> resolving(Schema reader, BinaryMessageEncoder<T> encoder,
            Function<SchemaStore, BinaryMessageDecoder<T>> decoderWithStore, SchemaStore more) {
        String name = reader.getFullName();
        SchemaStore sameRecord = more == null ? null : fingerprint -> {
            Schema found = more.findByFingerprint(fingerprint);
            return found != null && name.equals(found.getFullName()) ? found : null;
        };
        BinaryMessageDecoder<T> decoder = decoderWithStore.apply(sameRecord);
        ReleasedSchemas.writersOf(name).forEach(decoder::addSchema);
        return new AvroSerde<>(encoder, decoder, reader);
    }

    /** The content of an Avro {@code bytes} field, leaving the record's buffer position untouched. */
    public static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
