package io.visionstreams.task;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.detection.Detection;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.segmentation.ClassFraction;
import io.visionstreams.inference.segmentation.SegmentationResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Maps a model's per-frame output, with the event it answers, to the public Avro contracts: the
 * event's ids, capture time and attributes (passed through), the model, the timing and the result.
 */
public final class ResultRecords {

    private ResultRecords() {}

    public static ModelRef modelRef(ModelInfo info) {
        return new ModelRef(info.name(), info.version(), info.engine(), info.device());
    }

    public static Classification classification(ImageEvent event, ModelInfo model, Timing timing,
                                                ClassificationResult result) {
        List<io.visionstreams.avro.ClassScore> topK = result.topK().stream()
                .map((ClassScore c) -> new io.visionstreams.avro.ClassScore(c.index(), c.label(), c.score()))
                .toList();
        return Classification.newBuilder().setEventId(event.getEventId()).setSourceId(event.getSourceId())
                .setCapturedAt(event.getCapturedAt()).setModel(modelRef(model)).setTopK(topK).setTiming(timing)
                .setAttributes(attributes(event)).build();
    }

    public static Detections detections(ImageEvent event, ModelInfo model, Timing timing, DetectionResult result) {
        List<DetectedObject> objects = result.objects().stream()
                .map((Detection d) -> new DetectedObject(d.classId(), d.label(), d.score(),
                        new BoundingBox(d.xMin(), d.yMin(), d.xMax(), d.yMax()), null))
                .toList();
        return Detections.newBuilder().setEventId(event.getEventId()).setSourceId(event.getSourceId())
                .setCapturedAt(event.getCapturedAt()).setModel(modelRef(model)).setImageWidth(result.imageWidth())
                .setImageHeight(result.imageHeight()).setObjects(objects).setTiming(timing)
                .setAttributes(attributes(event)).build();
    }

    public static Segmentation segmentation(ImageEvent event, ModelInfo model, Timing timing,
                                            SegmentationResult result, byte[] maskPng) {
        List<io.visionstreams.avro.ClassFraction> classes = result.classes().stream()
                .map((ClassFraction c) -> new io.visionstreams.avro.ClassFraction(c.index(), c.label(), c.fraction()))
                .toList();
        return Segmentation.newBuilder().setEventId(event.getEventId()).setSourceId(event.getSourceId())
                .setCapturedAt(event.getCapturedAt()).setModel(modelRef(model)).setMaskWidth(result.width())
                .setMaskHeight(result.height()).setMaskPng(ByteBuffer.wrap(maskPng)).setClasses(classes)
                .setTiming(timing).setAttributes(attributes(event)).build();
    }

    /** The event's attributes, passed through untouched (a copy: the result must not share the event's map). */
    static Map<String, String> attributes(ImageEvent event) {
        return event.getAttributes() == null ? Map.of() : Map.copyOf(event.getAttributes());
    }
}
