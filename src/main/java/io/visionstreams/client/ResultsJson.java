package io.visionstreams.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;

/**
 * The {@code results.jsonl} contract: one JSON object per outcome, {@code "task"} first
 * (classification, detection, segmentation or dead-letter), then the Avro record's fields in
 * snake_case; a segmentation names its mask file instead of carrying the PNG bytes.
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultsJson() {}

    /** @param maskFile relative path of the mask PNG for a segmentation, else ignored */
    public static ObjectNode toJson(Outcome outcome, String maskFile) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("task", outcome.task());
        Object r = outcome.record();
        if (r instanceof Classification c) {
            common(o, c.getEventId(), c.getSourceId(), c.getCapturedAt().toEpochMilli());
            ArrayNode top = o.putArray("top_k");
            for (ClassScore s : c.getTopK()) {
                top.addObject().put("index", s.getIndex()).put("label", s.getLabel()).put("score", s.getScore());
            }
            model(o, c.getModel());
            timing(o, c.getTiming());
        } else if (r instanceof Detections d) {
            common(o, d.getEventId(), d.getSourceId(), d.getCapturedAt().toEpochMilli());
            o.put("image_width", d.getImageWidth()).put("image_height", d.getImageHeight());
            ArrayNode objects = o.putArray("objects");
            for (DetectedObject obj : d.getObjects()) {
                ObjectNode j = objects.addObject().put("class_id", obj.getClassId()).put("label", obj.getLabel())
                        .put("score", obj.getScore());
                j.putObject("box").put("x_min", obj.getBox().getXMin()).put("y_min", obj.getBox().getYMin())
                        .put("x_max", obj.getBox().getXMax()).put("y_max", obj.getBox().getYMax());
            }
            model(o, d.getModel());
            timing(o, d.getTiming());
        } else if (r instanceof Segmentation s) {
            common(o, s.getEventId(), s.getSourceId(), s.getCapturedAt().toEpochMilli());
            o.put("mask_width", s.getMaskWidth()).put("mask_height", s.getMaskHeight());
            ArrayNode classes = o.putArray("classes");
            for (ClassFraction f : s.getClasses()) {
                classes.addObject().put("index", f.getIndex()).put("label", f.getLabel())
                        .put("fraction", f.getFraction());
            }
            o.put("mask_file", maskFile);
            model(o, s.getModel());
            timing(o, s.getTiming());
        } else if (r instanceof DeadLetter dl) {
            o.put("event_id", dl.getEventId());
            o.put("stage", dl.getStage().name()).put("reason", dl.getReason()).put("message", dl.getMessage());
            if (dl.getTask() != null) {
                o.put("failed_task", dl.getTask());
            }
            o.put("source_topic", dl.getSourceTopic()).put("partition", dl.getPartition())
                    .put("offset", dl.getOffset());
        } else {
            throw new IllegalArgumentException("not an output record: " + r.getClass());
        }
        return o;
    }

    private static void common(ObjectNode o, String eventId, String sourceId, long capturedAt) {
        o.put("event_id", eventId).put("source_id", sourceId).put("captured_at", capturedAt);
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
