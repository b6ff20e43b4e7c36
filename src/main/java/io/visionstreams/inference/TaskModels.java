package io.visionstreams.inference;

import ai.djl.Device;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.classification.ClassificationTranslator;
import io.visionstreams.inference.convert.SourceConverter;
import io.visionstreams.inference.convert.tflite.TfliteConverter;
import io.visionstreams.inference.convert.tfjs.TfjsSsdConverter;
import io.visionstreams.inference.detection.DetectionOptions;
import io.visionstreams.inference.detection.DetectionResult;
import io.visionstreams.inference.detection.DetectionTranslator;
import io.visionstreams.inference.detection.DetectorTranslators;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.inference.segmentation.SegmentationTranslator;
import java.io.IOException;

/** Per task and format: which converter reads the sources, which translator serves the model. */
final class TaskModels {

    /** TF.js graph models (SSDLite): model.json + weight shards in one folder. */
    private static final SourceConverter TFJS = new SourceConverter("tfjs1", TfjsSsdConverter::convert);

    /** TFLite flatbuffers (MobileNetV2, DeepLabv3): one .tflite file. */
    private static final SourceConverter TFLITE = new SourceConverter("tflite1", TfliteConverter::convert);

    private TaskModels() {}

    static SourceConverter converter(ModelSpec.SourceFormat format) {
        return switch (format) {
            case TFJS_GRAPH -> TFJS;
            case TFLITE -> TFLITE;
        };
    }

    static VisionModel<?> load(ModelSpec spec, ConvertedModel converted, VisionConfig config, Device device)
            throws IOException, ModelLoadException {
        return switch (spec.task()) {
            case DETECTION -> {
                VisionConfig.Detection d = config.detection();
                DetectionTranslator translator = DetectorTranslators.forModel(spec, converted,
                        new DetectionOptions(d.scoreThreshold(), d.iouThreshold(), d.maxDetections(), false));
                yield DjlVisionModel.load(converted, spec.task(), DetectionResult.class, translator, config.engine(), device);
            }
            case CLASSIFICATION -> DjlVisionModel.load(converted, spec.task(), ClassificationResult.class,
                    new ClassificationTranslator(LabelFile.fromResource(spec.labels()), config.topK()), config.engine(), device);
            case SEGMENTATION -> DjlVisionModel.load(converted, spec.task(), SegmentationResult.class,
                    new SegmentationTranslator(LabelFile.fromResource(spec.labels())), config.engine(), device);
        };
    }
}
