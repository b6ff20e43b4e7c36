package io.visionstreams.batching;

import io.visionstreams.ingest.SourceRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads input records back by offset, to re-submit pending frames restored from the changelog.
 * In: one partition and the offsets wanted. Out: the records found, the offsets that are gone for
 * good (below the log start offset: retention or DeleteRecords), and, implicitly, the rest: not read
 * within the time-out, to be tried again. Called off the stream thread (the frame pool).
 */
public interface SourceRecordReader extends AutoCloseable {

    /** @param gone offsets below the log start offset, or past a complete read that did not find them */
    record ReadBack(Map<Long, SourceRecord> found, Set<Long> gone) {

        public ReadBack {
            found = Map.copyOf(found);
            gone = Set.copyOf(gone);
        }
    }

    /** Creates a stream task's reader from the application's configuration. */
    @FunctionalInterface
    interface Factory {
        SourceRecordReader create(Map<String, Object> appConfigs, String applicationId);
    }

    ReadBack read(TopicPartition partition, SortedSet<Long> offsets, Duration timeout);

    @Override
    default void close() {}
}
