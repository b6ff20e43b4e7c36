package io.visionstreams.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import io.visionstreams.testing.WriterSchemas;
import io.visionstreams.topology.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs say what is on the wire: each schema's fingerprint and the internal topic names. */
class SchemaReferenceTest {

    private static final Instant T = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void readmeFingerprintTableMatchesTheSchemas() throws Exception {
        String readme = Files.readString(Path.of("docs/contracts.md"));
        assertThat(readme).as("docs/contracts.md is stale: run ./vision-streams topology")
                .isEqualTo(SchemaReference.updateReadme(readme));
    }

    @Test
    void theFingerprintsInTheReadmeAreTheBytesTheEncodersWrite() throws Exception {
        // given records as this build and as release 0.1.0 write them
        Classification c = Classification.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(T)
                .setModel(new ModelRef("m", "v", "e", "cpu()")).setTopK(List.of()).setTiming(new Timing(0.0, 0.0, 1))
                .build();
        byte[] current = Serdes.CLASSIFICATION.encode(c);
        byte[] released = WriterSchemas.writtenWith(ReleasedSchemas.writersOf(Classification.SCHEMA$.getFullName()).get(0), c);
        byte[] event = Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e").setSourceId("s")
                .setCapturedAt(T).build());
        String readme = Files.readString(Path.of("docs/contracts.md"));

        // then: the 8 bytes after the marker C3 01 stand in the contract's rows
        assertThat(rowOf(readme, "Classification")).contains("`" + header(current) + "` | `" + header(released) + "`");
        assertThat(rowOf(readme, "ImageEvent")).startsWith("| `ImageEvent` | `" + header(event) + "`");
    }

    @Test
    void theDocsNameEveryInternalTopicForAcls() throws Exception {
        String readme = Files.readString(Path.of("docs/operations.md")) + Files.readString(Path.of("docs/contracts.md"))
                + Files.readString(Path.of("docs/camera-feeds.md"));
        assertThat(readme).contains("`<application.id>-" + Names.PENDING_STORE + "-changelog`");
        assertThat(readme).contains("isolation.level=read_committed").contains("max.message.bytes")
                .contains("max.request.size");
    }

    private static String header(byte[] singleObject) {
        assertThat(Arrays.copyOf(singleObject, 2)).containsExactly(0xC3, 0x01);
        return HexFormat.ofDelimiter(" ").formatHex(singleObject, 2, 10);
    }

    private static String rowOf(String readme, String record) {
        return readme.lines().filter(l -> l.startsWith("| `" + record + "` |")).findFirst().orElseThrow();
    }
}
