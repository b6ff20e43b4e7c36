package io.visionstreams.task;

import static io.visionstreams.task.JsonFields.array;
import static io.visionstreams.task.JsonFields.capturedAt;
import static io.visionstreams.task.JsonFields.field;
import static io.visionstreams.task.JsonFields.integer;
import static io.visionstreams.task.JsonFields.model;
import static io.visionstreams.task.JsonFields.number;
import static io.visionstreams.task.JsonFields.text;
import static io.visionstreams.task.JsonFields.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.TagBox;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.task.ResultRecords;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Detection: scored, labelled boxes of COCO objects in a frame, published as {@code Detections}. */
final class DetectionSpec extends TaskSpec<DetectionResult, Detections> {

    DetectionSpec() {
        super(VisionTask.DETECTION, "Detect", DetectionResult.class, Detections.class, Serdes.DETECTIONS);
    }


    @Override
    public Detections record(ImageEvent event, ModelInfo model, Timing timing, DetectionResult result) {
        return ResultRecords.detections(event, model, timing, result);
    }

    @Override
    public void writeJson(Detections d, ObjectNode json, String maskFile) {
        json.put("image_width", d.getImageWidth()).put("image_height", d.getImageHeight());
        ArrayNode objects = json.putArray("objects");
        for (DetectedObject obj : d.getObjects()) {
            ObjectNode j = objects.addObject().put("class_id", obj.getClassId()).put("label", obj.getLabel())
                    .put("score", obj.getScore());
            j.putObject("box").put("x_min", obj.getBox().getXMin()).put("y_min", obj.getBox().getYMin())
                    .put("x_max", obj.getBox().getXMax()).put("y_max", obj.getBox().getYMax());
            j.put("track_id", obj.getTrackId()); // null: untracked (tracking off, unconfirmed, late frame)
        }
    }

    @Override
    public Detections readJson(JsonNode j, Path folder) throws IOException {
        List<DetectedObject> objects = new ArrayList<>();
        for (JsonNode o : array(j, "objects")) {
            JsonNode b = field(o, "box");
            objects.add(new DetectedObject(integer(o, "class_id"), text(o, "label"), (float) number(o, "score"),
                    new BoundingBox((float) number(b, "x_min"), (float) number(b, "y_min"),
                            (float) number(b, "x_max"), (float) number(b, "y_max")),
                    o.hasNonNull("track_id") ? o.get("track_id").asLong() : null));
        }
        return Detections.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setImageWidth(integer(j, "image_width"))
                .setImageHeight(integer(j, "image_height")).setObjects(objects).setTiming(timing(j)).build();
    }

    @Override
    public int demoCellWidth() {
        return 40;
    }

    /** Each object's box, coloured by its track (else its class) and tagged with its label, score and {@code #track_id}. */
    @Override
    public Optional<Overlay> overlay(Detections d) {
        return Optional.of(Overlay.ofBoxes(d.getObjects().stream()
                .map(o -> new Overlay.Box(o.getBox().getXMin(), o.getBox().getYMin(), o.getBox().getXMax(),
                        o.getBox().getYMax(), o.getTrackId() == null ? o.getClassId() : o.getTrackId().intValue(),
                        o.getLabel() + " " + score(o.getScore()) + (o.getTrackId() == null ? "" : " #" + o.getTrackId())))
                .toList()));
    }

    @Override
    public Optional<FrameSize> frameSize(Detections d) {
        return Optional.of(new FrameSize(d.getImageWidth(), d.getImageHeight()));
    }

    /** Every object scoring at least the threshold, with its box. */
    @Override
    public List<TagLabel> tagsOf(Detections d, double threshold) {
        return d.getObjects().stream().filter(o -> o.getScore() >= threshold)
                .map(o -> new TagLabel(task().configName(), o.getLabel(), o.getClassId(), o.getScore(),
                        new TagBox(o.getBox().getXMin(), o.getBox().getYMin(), o.getBox().getXMax(), o.getBox().getYMax()), null))
                .toList();
    }

    @Override
    public double tagsThresholdDefault() {
        return 0.5;
    }

    @Override
    public String tagsThresholdDoc() {
        return "Smallest score of a detected object that becomes a tag (with its box).";
    }

    /** Up to three objects and scores, a repeated label written once, more objects counted as {@code +N}. */
    @Override
    public String demoCell(Detections d) {
        int n = d.getObjects().size();
        Map<String, List<String>> scoresByLabel = new LinkedHashMap<>(); // "bowl 0.84 0.76": a label once
        d.getObjects().stream().limit(3).forEach(x -> scoresByLabel
                .computeIfAbsent(x.getLabel(), k -> new ArrayList<>()).add(score(x.getScore())));
        return n == 0 ? "-" : scoresByLabel.entrySet().stream()
                .map(e -> e.getKey() + " " + String.join(" ", e.getValue()))
                .collect(Collectors.joining(", ")) + (n > 3 ? " +" + (n - 3) : "");
    }
}
