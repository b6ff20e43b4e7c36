package io.visionstreams.eval;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.client.Outcome;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One model run's outcomes, typed per task: the Avro result records by event id (first one wins;
 * repeats, as {@code at_least_once} may write, are counted), and the dead letters. Filled from a
 * {@code results.jsonl} file ({@link #read}) or from records read off the topics ({@link #add(Outcome)}),
 * so evaluation works the same on a demo folder and on a cluster. Not thread-safe.
 */
public final class ResultSet {

    /** A dead letter: the event had no result for {@code task} (null: for any task). */
    public record Failure(String eventId, String task, String stage, String reason) {}

    private final String source;
    private final Map<VisionTask, Map<String, SpecificRecordBase>> byTask = new EnumMap<>(VisionTask.class);
    private final List<Failure> failures = new ArrayList<>();
    private final Set<String> eventIds = new LinkedHashSet<>();
    private int duplicates;

    public ResultSet(String source) {
        this.source = source;
        TaskSpecs.all().forEach(spec -> byTask.put(spec.task(), new LinkedHashMap<>()));
    }

    /** Reads a {@code results.jsonl} file; segmentation masks from the files it names, relative to its folder. */
    public static ResultSet read(Path resultsJsonl) throws IOException {
        return ResultsFile.read(resultsJsonl);
    }

    /** Adds one record read from a result or dead-letter topic. */
    public void add(Outcome outcome) {
        if (outcome.record() instanceof DeadLetter dl) {
            addFailure(new Failure(dl.getEventId(), dl.getTask(), dl.getStage().name(), dl.getReason()));
        } else {
            addResult((SpecificRecordBase) outcome.record());
        }
    }

    /** Adds a task's result record (Classification, Detections, Segmentation: a {@code TaskSpec.recordType()}). */
    public void addResult(SpecificRecordBase record) {
        TaskSpec<?, ?> spec = TaskSpecs.ofRecord(record).orElseThrow(
                () -> new IllegalArgumentException("not a result record: " + record.getClass().getName()));
        String eventId = record.get("event_id").toString();
        boolean added = byTask.get(spec.task()).putIfAbsent(eventId, record) == null;
        eventIds.add(eventId);
        duplicates += added ? 0 : 1;
    }

    public void addFailure(Failure failure) {
        failures.add(failure);
        if (failure.eventId() != null) {
            eventIds.add(failure.eventId());
        }
    }

    /** Where these results came from (a file, a topic), for people. */
    public String source() {
        return source;
    }

    public Map<String, Classification> classifications() {
        return results(VisionTask.CLASSIFICATION, Classification.class);
    }

    public Map<String, Detections> detections() {
        return results(VisionTask.DETECTION, Detections.class);
    }

    public Map<String, Segmentation> segmentations() {
        return results(VisionTask.SEGMENTATION, Segmentation.class);
    }

    /** The task's results by event id, as the task's record type. */
    @SuppressWarnings("unchecked") // addResult files every record under the task whose record type it is
    public <A extends SpecificRecordBase> Map<String, A> results(VisionTask task, Class<A> recordType) {
        if (!TaskSpecs.of(task).recordType().equals(recordType)) {
            throw new IllegalArgumentException(task + " results are not " + recordType.getSimpleName());
        }
        return (Map<String, A>) Collections.unmodifiableMap(byTask.get(task));
    }

    public List<Failure> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** Every event id seen, with a result or a dead letter, in arrival order. */
    public Set<String> eventIds() {
        return Collections.unmodifiableSet(eventIds);
    }

    /** Results beyond the first for the same event and task. */
    public int duplicates() {
        return duplicates;
    }

    /** The task's results by event id; {@code task} is its config name (classification, detection, ...). */
    public Map<String, ? extends SpecificRecordBase> results(String task) {
        return Collections.unmodifiableMap(byTask.get(VisionTask.fromConfigName(task)));
    }

    /** The timing of each of the task's results (queue and inference milliseconds), in arrival order. */
    public List<Timing> timings(String task) {
        return results(task).values().stream().map(r -> (Timing) r.get("timing")).toList();
    }

    /** The task's model as "name version" (of its first result), or "(no results)". */
    public String model(String task) {
        return results(task).values().stream().findFirst().map(r -> {
            ModelRef m = (ModelRef) r.get("model");
            return m.getName() + " " + m.getVersion();
        }).orElse("(no results)");
    }

    /** Queue + inference milliseconds of each of the task's results, in arrival order. */
    public List<Double> latenciesMs(String task) {
        return timings(task).stream().map(t -> t.getQueueMs() + t.getInferenceMs()).toList();
    }
}
