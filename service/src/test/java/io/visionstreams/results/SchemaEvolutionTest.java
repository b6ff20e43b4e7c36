package io.visionstreams.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.testing.WriterSchemas;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers and consumers upgrade at different times: readers resolve records written with every
 * released schema, newer writers' schemas come from a folder, and readers holding an older schema
 * read this build's records once they have its schema file.
 */
class SchemaEvolutionTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final ModelRef MODEL = new ModelRef("mobilenet_v2_1.0_224", "7aad0c74c5e3", "MXNet 1.9.1", "cpu()");
    private static final Timing TIMING = new Timing(1.5, 40.25, 8);

    @TempDir
    Path schemasDir;

    @Test
    void readsResultsWrittenWithEveryReleasedSchema() throws Exception {
        // given a classification as this build writes it, and as each release's producer wrote it
        Classification current = Classification.newBuilder().setEventId("cat.bmp").setSourceId("cam-1").setCapturedAt(T)
                .setModel(MODEL).setTopK(List.of(new ClassScore(285, "Egyptian cat", 0.81f))).setTiming(TIMING)
                .setAttributes(Map.of("site", "north")).build();
        Schema released010 = release("0.1.0").get(Classification.SCHEMA$.getFullName());
        assertThat(fingerprint(released010)).as("0.1.0 has no attributes: its records carry another fingerprint")
                .isNotEqualTo(fingerprint(Classification.SCHEMA$));
        for (ReleasedSchemas.Release release : ReleasedSchemas.all()) {
            Schema writer = release.schemas().get(Classification.SCHEMA$.getFullName());
            // when this build reads it
            Classification read = Serdes.CLASSIFICATION.decode(WriterSchemas.writtenWith(writer, current));
            // then every field the release had is there; a field it lacked has its default
            assertThat(read.getEventId()).as(release.version()).isEqualTo("cat.bmp");
            assertThat(read.getTopK()).isEqualTo(current.getTopK());
            assertThat(read.getCapturedAt()).isEqualTo(T);
            assertThat(read.getAttributes()).isEqualTo(writer.getField("attributes") == null ? Map.of() : Map.of("site", "north"));
        }
        for (Schema detections : ReleasedSchemas.writersOf(Detections.SCHEMA$.getFullName())) {
            Detections d = Detections.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(T).setModel(MODEL)
                    .setImageWidth(4).setImageHeight(3).setObjects(List.of()).setTiming(TIMING).build();
            assertThat(Serdes.DETECTIONS.decode(WriterSchemas.writtenWith(detections, d)).getImageWidth()).isEqualTo(4);
        }
        for (Schema segmentation : ReleasedSchemas.writersOf(Segmentation.SCHEMA$.getFullName())) {
            Segmentation s = Segmentation.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(T).setModel(MODEL)
                    .setMaskWidth(2).setMaskHeight(1).setMaskPng(ByteBuffer.wrap(new byte[] {7})).setClasses(List.of())
                    .setTiming(TIMING).build();
            assertThat(Serdes.SEGMENTATION.decode(WriterSchemas.writtenWith(segmentation, s)).getMaskWidth()).isEqualTo(2);
        }
    }

    @Test
    void readsImageEventsOfANewerProducerOnceItsSchemaIsInTheSchemasFolder() throws Exception {
        // given an event written by a newer producer: one extra field, with a default
        Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
        GenericRecord record = WriterSchemas.asRecordOf(newer, event());
        record.put("exposure_us", 250);
        byte[] bytes = WriterSchemas.encode(record);
        assertThatThrownBy(() -> Serdes.IMAGE_EVENT.decode(bytes)).as("no schema file: nothing to resolve it with")
                .isInstanceOf(MissingSchemaException.class);
        // when its schema file is in the folder
        Files.writeString(schemasDir.resolve("ImageEvent.avsc"), newer.toString(true));
        ImageEvent read = Serdes.imageEvent(new SchemaDirectory(schemasDir)).decode(bytes);
        // then it reads like any other event (the unknown field skipped)
        assertThat(read).isEqualTo(event());
    }

    @Test
    void readsANewerSchemaDroppedIntoTheFolderRightAfterTheLastScan() throws Exception {
        // given an instance that has just read its schemas folder (start-up), with the default rescan limits
        Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
        GenericRecord record = WriterSchemas.asRecordOf(newer, event());
        record.put("exposure_us", 250);
        byte[] bytes = WriterSchemas.encode(record);
        AvroSerde<ImageEvent> serde = Serdes.imageEvent(new SchemaDirectory(schemasDir));
        // when an operator drops the newer producer's schema file in, and its events arrive a moment later
        Files.writeString(schemasDir.resolve("ImageEvent.avsc"), newer.toString(true));
        Thread.sleep(300);
        // then they are read, not dead-lettered as an unknown schema
        assertThat(serde.decode(bytes)).isEqualTo(event());
    }

    @Test
    void picksUpASchemaDroppedIntoTheFolderWhileRunning() throws Exception {
        Schema newer = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "lens_id");
        byte[] bytes = WriterSchemas.encode(WriterSchemas.asRecordOf(newer, event()));
        AvroSerde<ImageEvent> serde = Serdes.imageEvent(new SchemaDirectory(schemasDir, Duration.ZERO));
        assertThatThrownBy(() -> serde.decode(bytes)).isInstanceOf(MissingSchemaException.class);

        Files.writeString(schemasDir.resolve("newer.avsc"), newer.toString());

        assertThat(serde.decode(bytes).getEventId()).isEqualTo("e-1");
    }

    @Test
    void aSchemaOfAnotherRecordInTheFolderDoesNotMakeItsBytesAnImageEvent() throws Exception {
        Files.writeString(schemasDir.resolve("Classification.avsc"), Classification.SCHEMA$.toString());
        byte[] classification = Serdes.CLASSIFICATION.encode(Classification.newBuilder().setEventId("e").setSourceId("s")
                .setCapturedAt(T).setModel(MODEL).setTopK(List.of()).setTiming(TIMING).build());

        assertThatThrownBy(() -> Serdes.imageEvent(new SchemaDirectory(schemasDir)).decode(classification))
                .isInstanceOf(MissingSchemaException.class);
    }

    @Test
    void aConsumerHoldingTheOldestReleasedSchemaReadsThisBuildsResultsWithTheirSchemaFile() throws Exception {
        // given a consumer still holding release 0.1.0's Classification schema (generic: no generated classes)
        Schema old = release("0.1.0").get(Classification.SCHEMA$.getFullName());
        byte[] published = Serdes.CLASSIFICATION.encode(Classification.newBuilder().setEventId("cat.bmp")
                .setSourceId("cam-1").setCapturedAt(T).setModel(MODEL)
                .setTopK(List.of(new ClassScore(285, "Egyptian cat", 0.81f))).setTiming(TIMING)
                .setAttributes(Map.of("site", "north")).build());
        assertThatThrownBy(() -> new BinaryMessageDecoder<GenericRecord>(GenericData.get(), old).decode(published))
                .as("the fingerprint alone cannot be resolved").isInstanceOf(MissingSchemaException.class);
        // when it also has this build's schema file (SchemaStore.Cache, as any Avro reader can)
        SchemaStore.Cache writers = new SchemaStore.Cache();
        writers.addSchema(Classification.SCHEMA$);
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), old, writers).decode(published);
        // then it reads every field it knows
        assertThat(read.get("event_id")).hasToString("cat.bmp");
        assertThat(read.get("captured_at")).isEqualTo(T.toEpochMilli());
        assertThat(((GenericRecord) ((List<?>) read.get("top_k")).get(0)).get("label")).hasToString("Egyptian cat");
        assertThat(read.hasField("attributes")).isFalse();
    }

    private static ImageEvent event() {
        return ImageEvent.newBuilder().setEventId("e-1").setSourceId("cam").setCapturedAt(T)
                .setImage(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})).setAttributes(Map.of("k", "v")).build();
    }

    private static Map<String, Schema> release(String version) {
        return ReleasedSchemas.all().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow().schemas();
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
