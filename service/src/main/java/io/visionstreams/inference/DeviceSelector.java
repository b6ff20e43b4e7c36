package io.visionstreams.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Picks the device from {@code vision.device}: {@code auto} = the first GPU MXNet sees, else the
 * CPU; {@code gpu} without a usable GPU fails start-up (never a silent fallback to the CPU).
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    public static Device select(String requested, String engineName) throws ModelLoadException {
        int gpus = Engine.getEngine(engineName).getGpuCount();
        return switch (requested) {
            case "cpu" -> Device.cpu();
            case "auto" -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new ModelLoadException("vision.device=gpu but MXNet sees no usable GPU (the bundled MXNet 1.9.1 "
                            + "is the CPU/MKL build; GPU needs mxnet-native-cu112mkl, CUDA 11.2, compute capability <= 8.6)");
                }
                yield Device.gpu(0);
            }
            default -> throw new ModelLoadException("vision.device must be auto, cpu or gpu, not " + requested);
        };
    }
}
