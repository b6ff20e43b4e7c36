package io.visionstreams.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Timing;
import io.visionstreams.batching.BatchTiming;
import io.visionstreams.batching.ResultEncoder;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.avro.TagLabel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Everything one task means, in one place. In: a model's per-frame result (its translator is
 * chosen per model: {@code ModelSpec.translation()}). Out: its Avro record ({@link #record}), published by the processor {@link #processorName} through
 * {@link #resultsSink} to the task's topic, written to results.jsonl by {@link #writeJson} (and read
 * back by {@link #readJson}), summarized in the demo by {@link #demoCell} and drawn on its frame by
 * {@link #overlay}. How the task is scored
 * against ground truth is its {@code io.visionstreams.eval.EvaluationSpec}.
 *
 * @param <R> the translator's per-frame result
 * @param <A> the public Avro record
 */
public abstract class TaskSpec<R, A extends SpecificRecordBase> {

    private final VisionTask task;
    private final String processorName;
    private final Class<R> resultType;
    private final Class<A> recordType;
    private final AvroSerde<A> serde;

    protected TaskSpec(VisionTask task, String processorName, Class<R> resultType, Class<A> recordType,
                       AvroSerde<A> serde) {
        this.task = task;
        this.processorName = processorName;
        this.resultType = resultType;
        this.recordType = recordType;
        this.serde = serde;
    }

    public VisionTask task() {
        return task;
    }

    /** A short verb for the task (Classify, Detect, Segment), for logs and docs; the topology has one frame processor for all tasks. */
    public String processorName() {
        return processorName;
    }

    /** The result sink, e.g. {@code ClassificationsSink}. */
    public String resultsSink() {
        return Character.toUpperCase(task.resultsName().charAt(0)) + task.resultsName().substring(1) + "Sink";
    }

    public Class<R> resultType() {
        return resultType;
    }

    public Class<A> recordType() {
        return recordType;
    }

    public AvroSerde<A> serde() {
        return serde;
    }


    /** The public record of one frame's result. */
    public abstract A record(ImageEvent event, ModelInfo model, Timing timing, R result);

    /** Writes the record's task-specific fields into its results.jsonl object; {@code maskFile} names a side file, if any. */
    public abstract void writeJson(A record, ObjectNode json, String maskFile);

    /**
     * The record of one results.jsonl object, {@link #writeJson}'s inverse with the fields every result
     * has ({@link JsonFields}); a side file it names ({@code mask_file}) is read relative to {@code folder}.
     *
     * @throws IOException naming the first field that is missing or of another type, or the side file that is not there
     */
    public abstract A readJson(JsonNode json, Path folder) throws IOException;

    /**
     * What results.jsonl keeps beside the record's line rather than in it (a segmentation's mask PNG),
     * in the file {@link #writeJson} names; empty for a task whose record fits on its line.
     */
    public Optional<byte[]> sideFile(A record) {
        return Optional.empty();
    }

    /** The record in one short cell of the demo table; {@code -} when it found nothing. */
    public abstract String demoCell(A record);

    /** The widest the task's column of the demo table grows; a longer {@link #demoCell} is clipped. */
    public abstract int demoCellWidth();

    /**
     * What the record draws on its frame's annotated picture (demo previews, report gallery); empty for a
     * task whose result is not drawn (classification: its label is in the caption).
     */
    public Optional<Overlay> overlay(A record) {
        return Optional.empty();
    }

    /**
     * The size of the frame the record describes, for a picture to draw it on when the frame itself is
     * not at hand; empty when the record does not say.
     */
    public Optional<FrameSize> frameSize(A record) {
        return Optional.empty();
    }

    /**
     * What this task contributes to its event's Tags record: its labels worth acting on, those scoring at
     * least {@code threshold} (the task's {@code vision.tags.<task>.min-score}), highest first.
     */
    public abstract List<TagLabel> tagsOf(A record, double threshold);

    /** The default of {@code vision.tags.<task>.min-score}. */
    public abstract double tagsThresholdDefault();

    /** The documentation of {@code vision.tags.<task>.min-score}. */
    public abstract String tagsThresholdDoc();

    /** {@link #tagsOf} for a record held as its Avro supertype. */
    public List<TagLabel> tagsOfRecord(Object record, double threshold) {
        return tagsOf(recordType.cast(record), threshold);
    }

    /** Result → Avro record → bytes, as the batching processor publishes it. */
    public ResultEncoder<R> encoder() {
        return (event, model, timing, result) -> serde.encode(record(event, model, timing(timing), result));
    }

    /** {@link #writeJson} for a record read back as its Avro supertype. */
    public void writeJsonOf(Object record, ObjectNode json, String maskFile) {
        writeJson(recordType.cast(record), json, maskFile);
    }

    /** {@link #sideFile} for a record read back as its Avro supertype. */
    public Optional<byte[]> sideFileOf(Object record) {
        return sideFile(recordType.cast(record));
    }

    /** {@link #overlay} for a record held as its Avro supertype. */
    public Optional<Overlay> overlayOf(Object record) {
        return overlay(recordType.cast(record));
    }

    /** {@link #frameSize} for a record held as its Avro supertype. */
    public Optional<FrameSize> frameSizeOf(Object record) {
        return frameSize(recordType.cast(record));
    }

    /** {@link #demoCell} for a record read back as its Avro supertype. */
    public String demoCellOf(Object record) {
        return demoCell(recordType.cast(record));
    }

    /** A frame's width and height in pixels. */
    public record FrameSize(int width, int height) {}

    protected static String score(float score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    private static Timing timing(BatchTiming t) {
        return new Timing(t.queueMs(), t.inferenceMs(), t.batchSize());
    }
}
