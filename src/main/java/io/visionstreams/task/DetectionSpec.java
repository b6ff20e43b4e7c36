package io.visionstreams.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.results.ResultRecords;
import io.visionstreams.results.Serdes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        }
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
