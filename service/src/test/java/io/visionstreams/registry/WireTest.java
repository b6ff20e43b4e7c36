package io.visionstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import io.visionstreams.results.WireFormat;
import io.visionstreams.testing.InProcessSchemaRegistry;
import io.visionstreams.testing.WriterSchemas;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code vision.serde.format=registry}: values framed as magic byte 0 + the id the registry gave the
 * topic's subject + Avro's own binary encoding; input of either format read per value, a producer's newer
 * registered schema resolved by id, unknown ids refused.
 */
class WireTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final Classification RESULT = Classification.newBuilder().setEventId("cat.bmp").setSourceId("cam-1")
            .setCapturedAt(T).setModel(new ModelRef("mobilenet_v2_1.0_224", "7aad0c74c5e3", "MXNet 1.9.1", "cpu()"))
            .setTopK(List.of(new ClassScore(285, "Egyptian cat", 0.81f))).setTiming(new Timing(1.5, 40.25, 8))
            .setAttributes(Map.of("site", "north")).build();

    @Test
    void writesTheRegistryFramingUnderTheTopicSubjectAndReadsBothFormats() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            Wire wire = Wire.of(WireFormat.REGISTRY, Map.of("schema.registry.url", registry.url()), Map.of());
            AvroSerde<Classification> serde = wire.serde(Serdes.CLASSIFICATION);

            byte[] framed = serde.serializer().serialize("vision.classifications", RESULT);

            assertThat(registry.subjects()).containsExactly("vision.classifications-value");
            int id = ByteBuffer.wrap(framed, 1, 4).getInt();
            assertThat(framed[0]).isZero();
            assertThat(registry.schema(id)).isEqualTo(Classification.SCHEMA$);
            assertThat(Arrays.copyOfRange(framed, 5, framed.length)).as("Avro's own binary encoding")
                    .isEqualTo(avroBinary(RESULT));
            assertThat(serde.decode(framed)).isEqualTo(RESULT);
            assertThat(serde.decode(Serdes.CLASSIFICATION.encode(RESULT))).as("single-object still read").isEqualTo(RESULT);
            assertThat(wire.values().serialize("vision.classifications", Serdes.CLASSIFICATION.encode(RESULT)))
                    .as("a sink re-framing the processor's single-object bytes").isEqualTo(framed);
        }
    }

    @Test
    void readsAnUpgradedProducersImageEventByIdWithNoSchemaFileAnywhere() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
            int id = registry.register("vision.image-events-value", newer);
            GenericRecord upgraded = WriterSchemas.asRecordOf(newer, ImageEvent.newBuilder().setEventId("e-1")
                    .setSourceId("cam").setCapturedAt(T).setAttributes(Map.of("k", "v")).build());
            upgraded.put("exposure_us", 250);
            byte[] framed = frame(id, upgraded);
            AvroSerde<ImageEvent> serde = Wire.of(WireFormat.SINGLE_OBJECT, Map.of("schema.registry.url", registry.url()),
                    Map.of()).serde(Serdes.IMAGE_EVENT);

            ImageEvent read = serde.decode(framed);

            assertThat(read.getEventId()).isEqualTo("e-1");
            assertThat(read.getAttributes()).containsEntry("k", "v");
            int requests = registry.requests();
            serde.decode(framed);
            assertThat(registry.requests()).as("the writer schema is cached by id").isEqualTo(requests);
        }
    }

    @Test
    void anIdTheRegistryDoesNotKnowOrOfAnotherRecordIsUnknown() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            int classificationId = registry.register("x-value", Classification.SCHEMA$);
            AvroSerde<ImageEvent> serde = Wire.of(Map.of("schema.registry.url", registry.url())).serde(Serdes.IMAGE_EVENT);

            assertThat(catchThrowableOfType(UnknownSchemaIdException.class, () -> serde.decode(new byte[] {0, 0, 0, 0, 42, 2})))
                    .hasMessageContaining("42");
            assertThat(catchThrowableOfType(UnknownSchemaIdException.class,
                    () -> serde.decode(framedClassification(classificationId))).id()).isEqualTo(classificationId);
        }
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchemaAndNoAutoRegisterNeedsItRegistered() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            Schema latest = WriterSchemas.withExtraIntField(Classification.SCHEMA$, "extra");
            int latestId = registry.register("c-value", latest);
            Wire useLatest = Wire.of(WireFormat.REGISTRY, Map.of("schema.registry.url", registry.url(),
                    "auto.register.schemas", "false", "use.latest.version", "true"), Map.of());
            Wire lookupOnly = Wire.of(WireFormat.REGISTRY, Map.of("schema.registry.url", registry.url(),
                    "auto.register.schemas", "false"), Map.of("other", SubjectStrategy.TOPIC_RECORD_NAME));

            byte[] framed = useLatest.serde(Serdes.CLASSIFICATION).serializer().serialize("c", RESULT);

            assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(latestId);
            GenericRecord read = new GenericDatumReader<GenericRecord>(latest)
                    .read(null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
            assertThat(read.get("event_id")).hasToString("cat.bmp");
            assertThat(read.get("extra")).isEqualTo(0);
            RegistryException missing = catchThrowableOfType(RegistryException.class,
                    () -> lookupOnly.prepare("other", Classification.SCHEMA$));
            assertThat(missing.isNotFound()).isTrue();
            assertThat(lookupOnly.subject("other", Classification.SCHEMA$)).isEqualTo("other-io.visionstreams.avro.Classification");
            assertThat(registry.subjects()).containsExactly("c-value");
        }
    }

    private static byte[] framedClassification(int id) throws Exception {
        byte[] body = avroBinary(RESULT);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    private static byte[] avroBinary(Classification record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<Classification>(Classification.SCHEMA$).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] frame(int id, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
