package io.visionstreams.inference.engine;

import ai.djl.Device;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.ModelFormat;
import java.util.List;
import java.util.Map;

/**
 * One inference engine as the application uses it: everything that differs between engines lives
 * behind this interface (after DJL's own {@code Engine}/{@code EngineProvider}: selected by name, each
 * owning its natives and defaults); the topology, batching and tasks see none of it.
 */
public interface InferenceEngine {

    /** The value of {@code vision.engine} that selects it, lower case: {@code mxnet}, {@code onnxruntime}. */
    String configName();

    /** DJL's name of the engine ({@code Criteria.optEngine}). */
    String djlName();

    /** The version of the native runtime that runs the models, e.g. {@code 1.9.1}, {@code 1.23.2}. */
    String version();

    /** The model format it loads. */
    ModelFormat format();

    /** Whether it runs INT8 conversions (else the float32 graph is served). */
    boolean runsInt8();

    /**
     * The device to run on for {@code vision.device} ({@code auto}, {@code cpu}, {@code gpu}). {@code gpu}
     * that cannot be used fails with one line naming what is missing; never a silent CPU fallback.
     */
    Device select(String requested) throws ModelLoadException;

    /** Options for DJL's {@code Model.load} of a model of this engine on {@code device}. */
    Map<String, Object> loadOptions(Device device, boolean int8) throws ModelLoadException;

    /**
     * Process settings this engine reads once, checked before a model loads.
     *
     * @param predictors predictors that will run side by side in this process
     * @param breakdown  how they come about, for the message: {@code 3 task(s) x 2 worker(s)}
     */
    List<Problem> preflight(int predictors, String breakdown, Map<String, String> env);

    /** A wrong process setting: the variable or key, and what to do. */
    record Problem(String key, String message) {}
}
