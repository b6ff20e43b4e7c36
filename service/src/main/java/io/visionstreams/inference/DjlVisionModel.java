package io.visionstreams.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import io.visionstreams.inference.convert.tflite.Int8Conversion;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.util.List;

/**
 * A converted model loaded through DJL's standard {@link Criteria} API with the MXNet engine.
 * On CPU the graph goes through MXNet's MKLDNN (oneDNN) subgraph optimization; an INT8 conversion
 * ({@link Int8Conversion}) is fused already, and its engine string ends in {@code int8}.
 */
public final class DjlVisionModel<R> implements VisionModel<R> {

    private final ZooModel<RgbImage, R> model;
    private final ModelInfo info;

    private DjlVisionModel(ZooModel<RgbImage, R> model, ModelInfo info) {
        this.model = model;
        this.info = info;
    }

    /** The engine the converters target ({@code vision.engine}'s default and only value). */
    public static final String MXNET = "MXNet";

    public static <R> DjlVisionModel<R> load(ConvertedModel converted, VisionTask task, Class<R> resultType,
                                             Translator<RgbImage, R> translator, Device device)
            throws IOException, ModelLoadException {
        return load(converted, task, resultType, translator, MXNET, device);
    }

    public static <R> DjlVisionModel<R> load(ConvertedModel converted, VisionTask task, Class<R> resultType,
                                             Translator<RgbImage, R> translator, String engineName, Device device)
            throws IOException, ModelLoadException {
        Criteria.Builder<RgbImage, R> builder = Criteria.builder()
                .setTypes(RgbImage.class, resultType)
                .optModelPath(converted.dir())
                .optModelName(converted.name())
                .optEngine(engineName)
                .optDevice(device)
                .optTranslator(translator);
        boolean int8 = Int8Conversion.isInt8(converted.dir());
        if (Device.Type.CPU.equals(device.getDeviceType()) && !int8) { // an INT8 graph is MKLDNN-fused already
            builder.optOption("MxOptimizeFor", "MKLDNN");
        }
        try {
            ZooModel<RgbImage, R> model = builder.build().loadModel();
            Engine engine = Engine.getEngine(engineName);
            ModelInfo info = new ModelInfo(converted.name(), converted.version(),
                    engine.getEngineName() + " " + engine.getVersion() + (int8 ? " int8" : ""), device.toString(), task);
            return new DjlVisionModel<>(model, info);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new ModelLoadException("cannot load " + converted.name() + " from " + converted.dir(), e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Inferer<R> newInferer() {
        Predictor<RgbImage, R> predictor = model.newPredictor();
        return new Inferer<>() {
            @Override
            public List<R> infer(List<RgbImage> batch) throws InferenceException {
                try {
                    return predictor.batchPredict(batch);
                } catch (TranslateException | RuntimeException e) {
                    throw new InferenceException(info.name() + " failed on a batch of " + batch.size()
                            + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    @Override
    public void close() {
        model.close();
    }
}
