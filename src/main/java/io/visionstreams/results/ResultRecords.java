package io.visionstreams.results;

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

/** Maps a model's per-frame output, with the event it answers, to the public Avro contracts. */
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
        return new Classification(event.getEventId(), event.getSourceId(), event.getCapturedAt(), modelRef(model),
                topK, timing);
    }

    public static Detections detections(ImageEvent event, ModelInfo model, Timing timing, DetectionResult result) {
        List<DetectedObject> objects = result.objects().stream()
                .map((Detection d) -> new DetectedObject(d.classId(), d.label(), d.score(),
                        new BoundingBox(d.xMin(), d.yMin(), d.xMax(), d.yMax())))
                .toList();
        return new Detections(event.getEventId(), event.getSourceId(), event.getCapturedAt(), modelRef(model),
                result.imageWidth(), result.imageHeight(), objects, timing);
    }

    public static Segmentation segmentation(ImageEvent event, ModelInfo model, Timing timing,
                                            SegmentationResult result, byte[] maskPng) {
        List<io.visionstreams.avro.ClassFraction> classes = result.classes().stream()
                .map((ClassFraction c) -> new io.visionstreams.avro.ClassFraction(c.index(), c.label(), c.fraction()))
                .toList();
        return new Segmentation(event.getEventId(), event.getSourceId(), event.getCapturedAt(), modelRef(model),
                result.width(), result.height(), ByteBuffer.wrap(maskPng), classes, timing);
    }
}
