package io.visionstreams.client;

import io.visionstreams.avro.DeadLetter;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record read back from an output topic: a task's result or a dead letter.
 *
 * @param task    classification, detection, segmentation, or {@link #DEAD_LETTER}
 * @param eventId the event it answers (null for a dead letter whose input was unreadable)
 * @param record  the decoded Avro record
 */
public record Outcome(String task, String eventId, SpecificRecord record, String topic, int partition, long offset) {

    public static final String DEAD_LETTER = "dead-letter";

    public boolean isDeadLetter() {
        return DEAD_LETTER.equals(task);
    }

    /** For a dead letter: the task it stands for, or null when it stands for every task (input unreadable). */
    public String failedTask() {
        return isDeadLetter() ? ((DeadLetter) record).getTask() : task;
    }
}
