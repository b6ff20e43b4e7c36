package io.visionstreams.ui;

import io.visionstreams.inference.VisionTask;
import io.visionstreams.results.Serdes;
import io.visionstreams.task.TaskSpecs;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;

/** The records of the topics the view reads, decoded by what each topic carries. */
final class UiRecords {

    /** What a topic carries, besides a task's results (named by the task). */
    static final String TAGS = "tags";
    static final String DEAD_LETTER = "dead-letter";

    private UiRecords() {}

    /** @param kind a task's config name, {@link #TAGS} or {@link #DEAD_LETTER} */
    static SpecificRecord decode(String kind, byte[] value) throws IOException {
        return switch (kind) {
            case DEAD_LETTER -> Serdes.DEAD_LETTER.decode(value);
            case TAGS -> Serdes.TAGS.decode(value);
            default -> TaskSpecs.of(VisionTask.fromConfigName(kind)).serde().decode(value);
        };
    }
}
