package io.visionstreams.inference.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.ModelFormat;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime (CPU build by default, the CUDA build with {@code -Pgpu}). On CPU a session runs
 * {@code OMP_NUM_THREADS} intra-op threads (1 by the launcher: one single-threaded predictor per core,
 * DESIGN.md §2). On GPU the CUDA provider is registered with ONNX Runtime's CPU fallback disabled
 * ({@code session.disable_cpu_ep_fallback}): a node CUDA cannot run fails the load instead of
 * silently running on the CPU; {@link GpuProbe} names what is missing before that.
 */
final class OnnxRuntimeEngine implements InferenceEngine {

    static final OnnxRuntimeEngine INSTANCE = new OnnxRuntimeEngine();
    static final String DISABLE_CPU_FALLBACK = "session.disable_cpu_ep_fallback";

    private OnnxRuntimeEngine() {}

    @Override
    public String configName() {
        return "onnxruntime";
    }

    @Override
    public String djlName() {
        return "OnnxRuntime";
    }

    /** The ONNX Runtime library loaded (DJL's engine reports the version it was built against). */
    @Override
    public String version() {
        Engine.getEngine(djlName()); // DJL creates the environment with its thread options first; any later creation fails
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    public boolean runsInt8() {
        return false; // QDQ emission is not written yet: INT8 requests serve the float32 graph
    }

    @Override
    public Device select(String requested) throws ModelLoadException {
        return switch (requested) {
            case "cpu" -> Device.cpu();
            case "auto" -> GpuProbe.detect().missing().isEmpty() ? Device.gpu(0) : Device.cpu();
            case "gpu" -> {
                GpuProbe probe = GpuProbe.detect();
                if (!probe.missing().isEmpty()) {
                    throw new ModelLoadException(probe.failureLine());
                }
                yield Device.gpu(0);
            }
            default -> throw new ModelLoadException("vision.device must be auto, cpu or gpu, not " + requested);
        };
    }

    @Override
    public Map<String, Object> loadOptions(Device device, boolean int8) throws ModelLoadException {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (device.isGpu()) {
                options.addConfigEntry(DISABLE_CPU_FALLBACK, "1"); // DJL adds the CUDA provider for a GPU device
            } else {
                options.setIntraOpNumThreads(threads(System.getenv("OMP_NUM_THREADS")));
                options.setInterOpNumThreads(1);
            }
            return Map.of("sessionOptions", options);
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    /** Intra-op threads of a CPU session: {@code OMP_NUM_THREADS}, else 1. */
    static int threads(String omp) {
        try {
            return omp == null ? 1 : Math.max(1, Integer.parseInt(omp.split(",", -1)[0].trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public List<Problem> preflight(int predictors, String breakdown, Map<String, String> env) {
        return List.of(); // reads no process settings beyond OMP_NUM_THREADS (checked for every engine)
    }
}
