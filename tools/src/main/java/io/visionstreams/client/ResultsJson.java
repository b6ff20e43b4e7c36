package io.visionstreams.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.DeadLetter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code results.jsonl} contract: one JSON object per outcome, {@code "task"} first
 * (classification, detection, segmentation, tags, object-events or dead-letter), then the Avro record's fields in
 * snake_case: event_id, source_id, captured_at, the task's own fields ({@link TaskSpec#writeJson}),
 * model, timing, attributes (the event's); a segmentation names its mask file instead of carrying the PNG bytes.
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsJson() {}

    /** @param maskFile relative path of the mask PNG for a segmentation, else ignored */
    public static ObjectNode toJson(Outcome outcome, String maskFile) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("task", outcome.task());
        if (outcome.record() instanceof DeadLetter dl) {
            o.put("event_id", dl.getEventId());
            o.put("stage", dl.getStage().name()).put("reason", dl.getReason()).put("message", dl.getMessage());
            if (dl.getTask() != null) {
                o.put("failed_task", dl.getTask());
            }
            o.put("source_topic", dl.getSourceTopic()).put("partition", dl.getPartition())
                    .put("offset", dl.getOffset());
            return o;
        }
        if (outcome.record() instanceof Tags t) {
            return tags(o, t);
        }
        if (outcome.record() instanceof ObjectEvent e) {
            return ObjectEventJson.write(o, e);
        }
        TaskSpec<?, ?> spec = TaskSpecs.of(VisionTask.fromConfigName(outcome.task()));
        SpecificRecord r = outcome.record();
        o.put("event_id", r.get(r.getSchema().getField("event_id").pos()).toString())
                .put("source_id", r.get(r.getSchema().getField("source_id").pos()).toString())
                .put("captured_at", ((Instant) r.get(r.getSchema().getField("captured_at").pos())).toEpochMilli());
        spec.writeJsonOf(r, o, maskFile);
        model(o, (ModelRef) r.get(r.getSchema().getField("model").pos()));
        timing(o, (Timing) r.get(r.getSchema().getField("timing").pos()));
        ObjectNode attributes = o.putObject("attributes");
        ((Map<?, ?>) r.get(r.getSchema().getField("attributes").pos()))
                .forEach((k, v) -> attributes.put(k.toString(), v.toString()));
        return o;
    }

    /** {@code "task":"tags"}: event_id, source_id, captured_at, labels (box for detections), tasks, dead_lettered, models, attributes. */
    private static ObjectNode tags(ObjectNode o, Tags t) {
        o.put("event_id", t.getEventId()).put("source_id", t.getSourceId())
                .put("captured_at", t.getCapturedAt().toEpochMilli());
        ArrayNode labels = o.putArray("labels");
        for (TagLabel l : t.getLabels()) {
            ObjectNode j = labels.addObject().put("task", l.getTask()).put("label", l.getLabel()).put("index", l.getIndex())
                    .put("score", l.getScore());
            if (l.getBox() != null) {
                j.putObject("box").put("x_min", l.getBox().getXMin()).put("y_min", l.getBox().getYMin())
                        .put("x_max", l.getBox().getXMax()).put("y_max", l.getBox().getYMax());
            }
            if (l.getTrackId() != null) {
                j.put("track_id", l.getTrackId());
            }
        }
        t.getTasks().forEach(o.putArray("tasks")::add);
        t.getDeadLettered().forEach(o.putArray("dead_lettered")::add);
        ArrayNode models = o.putArray("models");
        for (ModelRef m : t.getModels()) {
            models.addObject().put("name", m.getName()).put("version", m.getVersion());
        }
        ObjectNode attributes = o.putObject("attributes");
        t.getAttributes().forEach(attributes::put);
        return o;
    }

    private static void model(ObjectNode o, ModelRef m) {
        o.putObject("model").put("name", m.getName()).put("version", m.getVersion()).put("engine", m.getEngine())
                .put("device", m.getDevice());
    }

    private static void timing(ObjectNode o, Timing t) {
        o.putObject("timing").put("queue_ms", t.getQueueMs()).put("inference_ms", t.getInferenceMs())
                .put("batch_size", t.getBatchSize());
    }
}
