package io.visionstreams.results;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.internal.PendingFrame;
import java.nio.ByteBuffer;

/** One serde per contract; stateless and thread-safe, so shared. */
public final class Serdes {

    public static final AvroSerde<ImageEvent> IMAGE_EVENT =
            new AvroSerde<>(ImageEvent.getEncoder(), ImageEvent.getDecoder());
    public static final AvroSerde<Classification> CLASSIFICATION =
            new AvroSerde<>(Classification.getEncoder(), Classification.getDecoder());
    public static final AvroSerde<Detections> DETECTIONS =
            new AvroSerde<>(Detections.getEncoder(), Detections.getDecoder());
    public static final AvroSerde<Segmentation> SEGMENTATION =
            new AvroSerde<>(Segmentation.getEncoder(), Segmentation.getDecoder());
    public static final AvroSerde<DeadLetter> DEAD_LETTER =
            new AvroSerde<>(DeadLetter.getEncoder(), DeadLetter.getDecoder());
    public static final AvroSerde<Tags> TAGS = new AvroSerde<>(Tags.getEncoder(), Tags.getDecoder());
    public static final AvroSerde<PendingFrame> PENDING_FRAME =
            new AvroSerde<>(PendingFrame.getEncoder(), PendingFrame.getDecoder());

    private Serdes() {}

    /** The content of an Avro {@code bytes} field, leaving the record's buffer position untouched. */
    public static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
