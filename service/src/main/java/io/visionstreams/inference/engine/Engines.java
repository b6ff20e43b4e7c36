package io.visionstreams.inference.engine;

import java.util.List;
import java.util.Locale;

/** The engines this build carries, by {@code vision.engine} name (case-insensitive: {@code MXNet} works). */
public final class Engines {

    /** MXNet stays the default: it leads on CPUs (docs/engines.md). */
    public static final InferenceEngine DEFAULT = MxNetEngine.INSTANCE;

    private static final List<InferenceEngine> ALL = List.of(MxNetEngine.INSTANCE, OnnxRuntimeEngine.INSTANCE);

    private Engines() {}

    public static List<InferenceEngine> all() {
        return ALL;
    }

    /** The config names, for validation messages: {@code mxnet, onnxruntime}. */
    public static List<String> names() {
        return ALL.stream().map(InferenceEngine::configName).toList();
    }

    public static InferenceEngine named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (InferenceEngine engine : ALL) {
            if (engine.configName().equals(key)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (expected one of " + names() + ")");
    }
}
