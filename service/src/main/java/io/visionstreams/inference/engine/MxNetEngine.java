package io.visionstreams.inference.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.ModelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Apache MXNet 1.9.1 (CPU/MKL build): MKLDNN graph optimization for float graphs, INT8 graphs
 * fused already; {@code MXNET_ENGINE_TYPE=NaiveEngine} when several predictors run side by side.
 */
final class MxNetEngine implements InferenceEngine {

    static final MxNetEngine INSTANCE = new MxNetEngine();
    static final String ENGINE_TYPE = "MXNET_ENGINE_TYPE";
    static final String NAIVE = "NaiveEngine";

    private MxNetEngine() {}

    @Override
    public String configName() {
        return "mxnet";
    }

    @Override
    public String djlName() {
        return "MXNet";
    }

    @Override
    public String version() {
        return Engine.getEngine(djlName()).getVersion();
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.MXNET_SYMBOL;
    }

    @Override
    public boolean runsInt8() {
        return true;
    }

    @Override
    public Device select(String requested) throws ModelLoadException {
        return switch (requested) {
            case "cpu" -> Device.cpu();
            case "auto" -> Engine.getEngine(djlName()).getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
            case "gpu" -> {
                if (Engine.getEngine(djlName()).getGpuCount() == 0) {
                    throw new ModelLoadException("vision.device=gpu but MXNet sees no usable GPU (the bundled MXNet 1.9.1 "
                            + "is the CPU/MKL build; use vision.engine=onnxruntime with -Pgpu for CUDA, see docs/engines.md)");
                }
                yield Device.gpu(0);
            }
            default -> throw new ModelLoadException("vision.device must be auto, cpu or gpu, not " + requested);
        };
    }

    @Override
    public Map<String, Object> loadOptions(Device device, boolean int8) {
        Map<String, Object> options = new HashMap<>();
        if (Device.Type.CPU.equals(device.getDeviceType()) && !int8) { // an INT8 graph is MKLDNN-fused already
            options.put("MxOptimizeFor", "MKLDNN");
        }
        return options;
    }

    @Override
    public List<Problem> preflight(int predictors, String breakdown, Map<String, String> env) {
        List<Problem> problems = new ArrayList<>();
        String engine = env.get(ENGINE_TYPE);
        if (predictors > 1 && !NAIVE.equals(engine)) {
            problems.add(new Problem(ENGINE_TYPE, (engine == null ? "is not set (MXNet's threaded engine)"
                    : "is '" + engine + "'") + " while " + predictors + " predictors run side by side ("
                    + breakdown + "): set " + ENGINE_TYPE + "=" + NAIVE
                    + ", as DJL advises for multi-threaded MXNet inference (the launcher and the Docker image do)"));
        }
        return problems;
    }
}
