package io.visionstreams.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.Model;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import io.visionstreams.inference.convert.tflite.Int8Conversion;
import io.visionstreams.inference.engine.Engines;
import io.visionstreams.inference.engine.InferenceEngine;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.util.List;

/**
 * A converted model loaded through DJL with the engine {@code vision.engine} names ({@link Engines}),
 * with that engine's load options (MXNet: MKLDNN optimization on CPU for float graphs; ONNX Runtime:
 * session threads, CUDA without CPU fallback). An INT8 conversion ({@link Int8Conversion}) says so in
 * its engine string ({@code ... int8}); the device string is the device the model was loaded on.
 */
public final class DjlVisionModel<R> implements VisionModel<R> {

    private final ZooModel<RgbImage, R> model;
    private final ModelInfo info;

    private DjlVisionModel(ZooModel<RgbImage, R> model, ModelInfo info) {
        this.model = model;
        this.info = info;
    }

    /** DJL's name of the default engine (see {@link Engines#DEFAULT}). */
    public static final String MXNET = "MXNet";

    public static <R> DjlVisionModel<R> load(ConvertedModel converted, VisionTask task, Class<R> resultType,
                                             Translator<RgbImage, R> translator, Device device)
            throws IOException, ModelLoadException {
        return load(converted, task, resultType, translator, Engines.DEFAULT.configName(), device);
    }

    /** @param engineName {@code vision.engine}: {@code mxnet} or {@code onnxruntime}, any case */
    public static <R> DjlVisionModel<R> load(ConvertedModel converted, VisionTask task, Class<R> resultType,
                                             Translator<RgbImage, R> translator, String engineName, Device device)
            throws IOException, ModelLoadException {
        InferenceEngine engine = Engines.named(engineName);
        boolean int8 = Int8Conversion.isInt8(converted.dir());
        Model model = Model.newInstance(converted.name(), device, engine.djlName());
        try {
            model.load(converted.dir(), converted.name(), engine.loadOptions(device, int8));
            ModelInfo info = new ModelInfo(converted.name(), converted.version(),
                    engine.djlName() + " " + engine.version() + (int8 ? " int8" : ""), device.toString(), task);
            return new DjlVisionModel<>(new ZooModel<>(model, translator), info);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new ModelLoadException("cannot load " + converted.name() + " from " + converted.dir() + " with "
                    + engine.djlName() + " on " + device + ": " + e.getMessage(), e);
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
