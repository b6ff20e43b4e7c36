package io.visionstreams.topology;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.avro.Timing;
import io.visionstreams.batching.Inferred;
import io.visionstreams.batching.ModelUnavailableException;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.batching.FatalErrors;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecordBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a batcher's outcome for one frame into that task's {@link Answer}: encoded result, dead letter or retry. */
final class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private Answers() {}

    static <R, A extends SpecificRecordBase> Answer of(TaskSpec<R, A> spec, ImageEvent event, SourceRecord source,
                                                       ModelInfo model, Inferred<R> inferred, Throwable error,
                                                       double threshold, int maxRecordBytes) {
        String task = spec.task().configName();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (FatalErrors.isFatal(cause)) {
            return new Answer.Retry(cause, false); // not the frame's fault: the stream thread stops on it
        }
        if (cause instanceof CancellationException) {
            return new Answer.Retry(cause, true);
        }
        if (cause instanceof ModelUnavailableException) {
            return new Answer.Retry(cause, false);
        }
        if (cause != null) {
            log.warn("{} failed on event {} at {}: {}", task, event.getEventId(), source.coordinates(), cause.toString());
            return failed(event, task, Stage.INFERENCE, "MODEL_ERROR", cause instanceof Error
                    ? cause.toString() : String.valueOf(cause.getMessage()));
        }
        byte[] value;
        A record;
        try {
            Timing t = new Timing(inferred.timing().queueMs(), inferred.timing().inferenceMs(),
                    inferred.timing().batchSize());
            record = spec.record(event, model, t, inferred.result());
            value = spec.serde().encode(record);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(event, task, Stage.SERIALIZE, "ENCODE_FAILED", String.valueOf(e.getMessage()));
        }
        if (value.length > maxRecordBytes) { // the producer or the broker would reject it and stop the task
            return failed(event, task, Stage.SERIALIZE, "RESULT_TOO_LARGE", "the " + task + " result is "
                    + value.length + " bytes, over vision.output.max-record-bytes=" + maxRecordBytes);
        }
        return new Answer.Published(event.getSourceId().getBytes(StandardCharsets.UTF_8), value,
                event.getCapturedAt().toEpochMilli(),
                TagsJoin.contribution(event, task, spec.tagsOf(record, threshold), model));
    }

    /** An answer that could not even be made (a Throwable out of {@link #of}): that task's dead letter. */
    static Answer crashed(ImageEvent event, String task, Throwable t) {
        return failed(event, task, Stage.INFERENCE, "MODEL_ERROR", "answering failed with " + t);
    }

    private static Answer failed(ImageEvent event, String task, Stage stage, String reason, String message) {
        return new Answer.Failed(stage, reason, message, TagsJoin.deadLettered(event, task));
    }
}
