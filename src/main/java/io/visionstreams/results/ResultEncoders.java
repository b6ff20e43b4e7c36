package io.visionstreams.results;

import io.visionstreams.avro.Timing;
import io.visionstreams.batching.BatchTiming;
import io.visionstreams.batching.ResultEncoder;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.inference.segmentation.SegmentationResult;

/** The result encoder of each task: model output → public Avro record → bytes. */
public final class ResultEncoders {

    private ResultEncoders() {}

    @SuppressWarnings("unchecked")
    public static <R> ResultEncoder<R> forTask(VisionTask task) {
        ResultEncoder<?> encoder = switch (task) {
            case CLASSIFICATION -> (ResultEncoder<ClassificationResult>) (event, model, timing, r) ->
                    Serdes.CLASSIFICATION.encode(ResultRecords.classification(event, model, timing(timing), r));
            case DETECTION -> (ResultEncoder<DetectionResult>) (event, model, timing, r) ->
                    Serdes.DETECTIONS.encode(ResultRecords.detections(event, model, timing(timing), r));
            case SEGMENTATION -> (ResultEncoder<SegmentationResult>) (event, model, timing, r) ->
                    Serdes.SEGMENTATION.encode(ResultRecords.segmentation(event, model, timing(timing), r,
                            LabelMapPng.encode(r)));
        };
        return (ResultEncoder<R>) encoder;
    }

    static Timing timing(BatchTiming t) {
        return new Timing(t.queueMs(), t.inferenceMs(), t.batchSize());
    }
}
