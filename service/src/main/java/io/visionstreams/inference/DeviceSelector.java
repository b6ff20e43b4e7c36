package io.visionstreams.inference;

import ai.djl.Device;
import io.visionstreams.inference.engine.Engines;

/**
 * Picks the device from {@code vision.device} through the engine: {@code auto} = the first usable GPU,
 * else the CPU; {@code gpu} without a usable GPU fails start-up with one line naming what is missing
 * (never a silent fallback to the CPU).
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    public static Device select(String requested, String engineName) throws ModelLoadException {
        return Engines.named(engineName).select(requested);
    }
}
