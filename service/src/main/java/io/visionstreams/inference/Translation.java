package io.visionstreams.inference;

import ai.djl.translate.Translator;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;

/**
 * How one catalog model's frames are translated: its per-frame result type and the factory of
 * its DJL translator (pre- and post-processing) for the converted model. Chosen per model, not per
 * task: two detectors of one task may decode their outputs differently.
 */
public record Translation<R>(Class<R> resultType, Factory<R> factory) {

    @FunctionalInterface
    public interface Factory<R> {
        Translator<RgbImage, R> create(ModelSpec model, ConvertedModel converted, InferenceSettings config) throws IOException;
    }

    public Translator<RgbImage, R> create(ModelSpec model, ConvertedModel converted, InferenceSettings config)
            throws IOException {
        return factory.create(model, converted, config);
    }
}
