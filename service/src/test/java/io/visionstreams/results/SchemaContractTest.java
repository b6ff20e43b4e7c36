package io.visionstreams.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Header;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Stage;
import io.visionstreams.avro.TagBox;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.Timing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaContractTest {

    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path RELEASED = SCHEMAS.resolve("released");
    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_123L);
    private static final ModelRef MODEL = new ModelRef("mobilenet_v2_1.0_224", "7aad0c74c5e3", "MXNet 1.9.1", "cpu()");
    private static final Timing TIMING = new Timing(1.5, 40.25, 8);

    static Stream<String> schemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).map(p -> p.getFileName().toString()).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everySchemaFieldHasADoc(String file) throws IOException {
        Schema schema = parseWithShared(SCHEMAS, file);
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, new HashSet<>(), undocumented);
        assertThat(undocumented).as("fields without a doc in " + file).isEmpty();
    }

    /** Every (release, schema file) pair, the schema present in that release. */
    static Stream<Arguments> releasedSchemaFiles() throws IOException {
        List<Arguments> pairs = new ArrayList<>();
        try (Stream<Path> releases = Files.list(RELEASED)) {
            for (Path release : releases.filter(Files::isDirectory).sorted().toList()) {
                for (String file : schemaFiles().toList()) {
                    if (Files.exists(release.resolve(file))) {
                        pairs.add(Arguments.of(release.getFileName().toString(), file));
                    }
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} reads data written with release {0}")
    @MethodSource("releasedSchemaFiles")
    void everySchemaCanReadDataOfEveryRelease(String release, String file) throws IOException {
        assertCompatible(parseWithShared(SCHEMAS, file), parseWithShared(RELEASED.resolve(release), file));
    }

    @ParameterizedTest(name = "release {0} of {1} reads data written with this build")
    @MethodSource("releasedSchemaFiles")
    void everyReleaseCanReadDataOfThisBuild(String release, String file) throws IOException {
        assertCompatible(parseWithShared(RELEASED.resolve(release), file), parseWithShared(SCHEMAS, file));
    }

    @Test
    void everyReleasedFolderIsOnTheClasspathForTheReaders() throws IOException {
        try (Stream<Path> releases = Files.list(RELEASED)) {
            assertThat(ReleasedSchemas.all()).extracting(ReleasedSchemas.Release::version)
                    .containsExactlyElementsOf(releases.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                            .sorted(ReleasedSchemas::compareVersions).toList());
        }
        assertThat(ReleasedSchemas.compareVersions("0.10.0", "0.9.1")).as("numeric order").isPositive();
        for (ReleasedSchemas.Release release : ReleasedSchemas.all()) {
            assertThat(release.schemas().get(ImageEvent.SCHEMA$.getFullName()))
                    .isEqualTo(parseWithShared(RELEASED.resolve(release.version()), "ImageEvent.avsc"));
        }
    }

    private static void assertCompatible(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as(result.getDescription())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void resultRecordsRoundTripInSingleObjectEncoding() throws IOException {
        Classification c = new Classification("cat.bmp", "cam-1", T, MODEL,
                List.of(new ClassScore(285, "Egyptian cat", 0.81f)), TIMING, Map.of("site", "berlin"));
        Detections d = new Detections("e2", "cam-1", T, MODEL, 640, 480, List.of(new DetectedObject(1, "person", 0.9f,
                new BoundingBox(0.1f, 0.2f, 0.4f, 0.9f), null)), TIMING, Map.of());
        Segmentation s = new Segmentation("e3", "cam-1", T, MODEL, 2, 1, ByteBuffer.wrap(new byte[] {1, 2, 3}),
                List.of(new ClassFraction(15, "person", 0.5f)), TIMING, Map.of("lane", "2"));
        byte[] encoded = Serdes.CLASSIFICATION.encode(c);
        // Avro single-object encoding: marker C3 01, then the 8-byte fingerprint of the schema
        assertThat(encoded[0]).isEqualTo((byte) 0xC3);
        assertThat(encoded[1]).isEqualTo((byte) 0x01);
        assertThat(Serdes.CLASSIFICATION.decode(encoded)).isEqualTo(c);
        assertThat(Serdes.DETECTIONS.decode(Serdes.DETECTIONS.encode(d))).isEqualTo(d);
        assertThat(Serdes.SEGMENTATION.decode(Serdes.SEGMENTATION.encode(s))).isEqualTo(s);
        Tags t = new Tags("e2", "camera-7", T, List.of(new TagLabel("detection", "person", 1, 0.9f,
                new TagBox(0.1f, 0.2f, 0.4f, 0.9f), null), new TagLabel("classification", "Egyptian cat", 285, 0.81f, null, null)),
                List.of("classification", "detection"), List.of("segmentation"), List.of(MODEL, MODEL),
                Map.of("camera", "7"));
        assertThat(Serdes.TAGS.decode(Serdes.TAGS.encode(t))).isEqualTo(t);
    }

    @Test
    void eventsAndDeadLettersRoundTripAndKeepOriginalBytes() throws IOException {
        ImageEvent e = ImageEvent.newBuilder().setEventId("e1").setSourceId("cam").setCapturedAt(T)
                .setImage(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})).setAttributes(Map.of("k", "v")).build();
        DeadLetter dl = DeadLetter.newBuilder().setEventId(null).setSourceTopic("vision.image-events").setPartition(1)
                .setOffset(42).setFailedAt(T).setStage(Stage.DECODE).setReason("UNKNOWN_FORMAT").setMessage("text")
                .setOriginalKey(ByteBuffer.wrap(new byte[] {1})).setOriginalValue(ByteBuffer.wrap(new byte[] {2, 3}))
                .setHeaders(List.of(new Header("h", null))).setTask(null).build();
        assertThat(Serdes.IMAGE_EVENT.decode(Serdes.IMAGE_EVENT.encode(e))).isEqualTo(e);
        assertThat(Serdes.DEAD_LETTER.decode(Serdes.DEAD_LETTER.encode(dl))).isEqualTo(dl);
    }

    @Test
    void decodingAnotherSchemasBytesFails() {
        byte[] classification = Serdes.CLASSIFICATION.encode(new Classification("e", "s", T, MODEL, List.of(), TIMING, Map.of()));
        assertThatThrownBy(() -> Serdes.IMAGE_EVENT.decode(classification)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> Serdes.IMAGE_EVENT.decode("not avro".getBytes())).isInstanceOf(Exception.class);
    }

    private static Schema parseWithShared(Path dir, String file) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String shared : List.of("ModelRef.avsc", "Timing.avsc")) {
            if (!shared.equals(file)) {
                parser.parse(dir.resolve(shared).toFile());
            }
        }
        return parser.parse(dir.resolve(file).toFile());
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    out.add(schema.getFullName());
                }
                for (Schema.Field f : schema.getFields()) {
                    if (f.doc() == null || f.doc().isBlank()) {
                        out.add(schema.getName() + "." + f.name());
                    }
                    collectUndocumented(f.schema(), seen, out);
                }
            }
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, out);
            case MAP -> collectUndocumented(schema.getValueType(), seen, out);
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, out));
            default -> { }
        }
    }
}
