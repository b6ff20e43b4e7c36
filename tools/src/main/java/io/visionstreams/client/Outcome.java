package io.visionstreams.client;

import io.visionstreams.avro.DeadLetter;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record read back from an output topic: a task's result or a dead letter.
 *
 * @param task    classification, detection, segmentation, {@link #TAGS} or {@link #DEAD_LETTER}
 * @param eventId the event it answers (null for a dead letter whose input was unreadable)
 * @param record  the decoded Avro record
 * @param key       the Kafka record's key bytes (a result: its source_id; a dead letter: the input's key)
 * @param timestamp the Kafka record's timestamp (a result: its event's captured_at)
 */
public record Outcome(String task, String eventId, SpecificRecord record, String topic, int partition, long offset,
                      byte[] key, long timestamp) {

    public static final String DEAD_LETTER = "dead-letter";
    /** The event's Tags record (the join of every task's answer); counted by {@link EventLedger} as one more "task". */
    public static final String TAGS = "tags";
    /** An {@code ObjectEvent} (tracking): any number per frame, each naming the frame its change was first seen on; no ledger counts them. */
    public static final String OBJECT_EVENTS = "object-events";

    public boolean isDeadLetter() {
        return DEAD_LETTER.equals(task);
    }

    /** For a dead letter: the task it stands for, or null when it stands for every task (input unreadable). */
    public String failedTask() {
        return isDeadLetter() ? ((DeadLetter) record).getTask() : task;
    }
}
