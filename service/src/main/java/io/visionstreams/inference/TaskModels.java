package io.visionstreams.inference;

import ai.djl.Device;
import io.visionstreams.inference.convert.SourceConverter;
import io.visionstreams.inference.convert.tflite.TfliteConverter;
import io.visionstreams.inference.convert.tfjs.TfjsSsdConverter;
import java.io.IOException;

/** Per source format: which converter reads the sources; and the DJL load of a converted model. */
final class TaskModels {

    /** TF.js graph models (SSDLite): model.json + weight shards in one folder. */
    private static final SourceConverter TFJS = new SourceConverter("tfjs2", TfjsSsdConverter::convert);

    /** TFLite flatbuffers (MobileNetV2, DeepLabv3): one .tflite file. */
    private static final SourceConverter TFLITE = new SourceConverter("tflite2", TfliteConverter::convert);

    private TaskModels() {}

    static SourceConverter converter(ModelSpec.SourceFormat format) {
        return switch (format) {
            case TFJS_GRAPH -> TFJS;
            case TFLITE -> TFLITE;
        };
    }

    static VisionModel<?> load(ModelSpec spec, ConvertedModel converted, InferenceSettings config, Device device)
            throws IOException, ModelLoadException {
        return load(spec, spec.translation(), converted, config, device);
    }

    private static <R> VisionModel<R> load(ModelSpec spec, Translation<R> translation, ConvertedModel converted,
                                           InferenceSettings config, Device device) throws IOException, ModelLoadException {
        return DjlVisionModel.load(converted, spec.task(), translation.resultType(),
                translation.create(spec, converted, config), config.engine(), device);
    }
}
