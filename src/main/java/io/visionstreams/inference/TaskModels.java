package io.visionstreams.inference;

import ai.djl.Device;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.convert.SourceConverter;
import java.io.IOException;

/** Per task and format: which converter reads the sources, which translator serves the model. */
final class TaskModels {

    private TaskModels() {}

    static SourceConverter converter(ModelSpec.SourceFormat format) {
        throw new UnsupportedOperationException("converters land with the converter branches: " + format);
    }

    static VisionModel<?> load(ModelSpec spec, ConvertedModel converted, VisionConfig config, Device device)
            throws IOException, ModelLoadException {
        throw new UnsupportedOperationException("translators land with the converter branches: " + spec.task());
    }
}
