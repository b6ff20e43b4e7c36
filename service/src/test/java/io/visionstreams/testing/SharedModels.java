package io.visionstreams.testing;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The real models, resolved, converted and loaded once per test JVM exactly as the application
 * does it (surefire points {@code VISION_MODELS_DIR} at the pretrained weights and
 * {@code VISION_MODELS_CACHE} at target/). Shared read-only; never closed by a test.
 */
public final class SharedModels {

    private static final Map<VisionTask, VisionModel<?>> LOADED = new EnumMap<>(VisionTask.class);

    private SharedModels() {}

    public static synchronized VisionModel<?> get(VisionTask task) throws Exception {
        VisionModel<?> model = LOADED.get(task);
        if (model == null) {
            VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of());
            model = new ModelLoader(config).load(task, Device.cpu());
            LOADED.put(task, model);
        }
        return model;
    }

    /** The models of the given tasks. Don't close the result: the models are shared by the whole test JVM. */
    public static LoadedModels forTasks(Set<VisionTask> tasks) throws Exception {
        Map<VisionTask, VisionModel<?>> models = new EnumMap<>(VisionTask.class);
        for (VisionTask task : tasks) {
            models.put(task, get(task));
        }
        return new LoadedModels(models);
    }
}
