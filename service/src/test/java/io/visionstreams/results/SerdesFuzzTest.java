package io.visionstreams.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.visionstreams.avro.ImageEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SystemLimitException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the Avro deserializers of every contract: whatever the bytes, a record or an
 * exception (which the pipeline turns into a DESERIALIZE dead letter), never an
 * {@link Error} such as the OutOfMemoryError a few bytes declaring a 1 GiB string used to cause
 * (fixed by {@link AvroLimits}; the input is kept in {@code SerdesFuzzTestInputs/}).
 *
 * <p>Input: byte 0 picks the contract, byte 1's low bit says whether to put that contract's
 * single-object header (marker + schema fingerprint) in front of the rest, so fuzzing gets past it.
 */
class SerdesFuzzTest {

    private static final List<AvroSerde<? extends SpecificRecord>> SERDES = List.of(Serdes.IMAGE_EVENT,
            Serdes.CLASSIFICATION, Serdes.DETECTIONS, Serdes.SEGMENTATION, Serdes.DEAD_LETTER, io.visionstreams.batching.PendingFrames.SERDE);
    private static final List<Schema> SCHEMAS = List.of(io.visionstreams.avro.ImageEvent.getClassSchema(),
            io.visionstreams.avro.Classification.getClassSchema(), io.visionstreams.avro.Detections.getClassSchema(),
            io.visionstreams.avro.Segmentation.getClassSchema(), io.visionstreams.avro.DeadLetter.getClassSchema(),
            io.visionstreams.avro.internal.PendingFrame.getClassSchema());

    @FuzzTest(maxDuration = "5m")
    void decodesARecordOrThrowsAnExceptionNeverAnError(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int contract = Byte.toUnsignedInt(input[0]) % SERDES.size();
        byte[] body = java.util.Arrays.copyOfRange(input, 2, input.length);
        byte[] bytes = (input[1] & 1) == 1 ? withHeader(SCHEMAS.get(contract), body) : body;
        try {
            SpecificRecord record = SERDES.get(contract).decode(bytes);
            assertThat(record.getSchema()).isEqualTo(SCHEMAS.get(contract));
        } catch (IOException | RuntimeException refused) {
            // a DESERIALIZE dead letter in the pipeline
        }
    }

    @Test
    void refusesAHugeDeclaredLengthBeforeAllocatingIt() {
        // given an ImageEvent of 19 bytes whose event_id declares 1 GiB
        byte[] event = Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e").setSourceId("s")
                .setCapturedAt(java.time.Instant.EPOCH).setContentType(null).setImage(null).setImageUri(null)
                .setAttributes(java.util.Map.of()).build());
        byte[] hostile = HexFormat.of().parseHex(HexFormat.of().formatHex(event, 0, 10) + "8080808008" + "02730000000000");

        // then Avro refuses the length itself (no allocation, no OutOfMemoryError)
        Throwable refused = catchThrowable(() -> Serdes.IMAGE_EVENT.decode(hostile));
        assertThat(Stream.iterate(refused, Objects::nonNull, Throwable::getCause))
                .anyMatch(cause -> cause instanceof SystemLimitException);
    }

    static byte[] withHeader(Schema schema, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(schema)).put(body);
        return b.array();
    }
}
