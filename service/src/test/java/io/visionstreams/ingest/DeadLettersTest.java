package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Stage;
import io.visionstreams.results.Serdes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static SourceRecord record(int valueBytes) {
        return new SourceRecord("vision.image-events", 2, 41L, 1_000L, "cam".getBytes(), new byte[valueBytes],
                List.of(new SourceRecord.Header("trace", "abc".getBytes())));
    }

    @Test
    void keepsTheOriginalBytesCoordinatesAndHeaders() {
        DeadLetter dl = DeadLetters.of(record(5_000), "e1", Stage.DECODE, "TRUNCATED", "cut", null, Instant.EPOCH, 1_000_000);
        assertThat(dl.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[5_000]));
        assertThat(dl.getOriginalValueOmitted()).isFalse();
        assertThat(dl.getOriginalKey()).isEqualTo(ByteBuffer.wrap("cam".getBytes()));
        assertThat(dl.getSourceTopic()).isEqualTo("vision.image-events");
        assertThat(dl.getPartition()).isEqualTo(2);
        assertThat(dl.getOffset()).isEqualTo(41L);
        assertThat(dl.getHeaders()).singleElement().satisfies(h -> assertThat(h.getKey()).isEqualTo("trace"));
    }

    @Test
    void omitsAnOriginalValueTooLargeForTheTopicButKeepsWhereToFindIt() {
        DeadLetter dl = DeadLetters.of(record(2_000_000), "e2", Stage.VALIDATE, "TOO_LARGE", "big", null, Instant.EPOCH,
                1_000_000);
        assertThat(dl.getOriginalValue()).isNull();
        assertThat(dl.getOriginalValueOmitted()).isTrue();
        assertThat(dl.getOffset()).isEqualTo(41L);
        assertThat(Serdes.DEAD_LETTER.encode(dl).length).isLessThan(1_000_000);
    }
}
