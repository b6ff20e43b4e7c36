package io.visionstreams.inference;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The models of the enabled tasks, owned together and closed together. */
public final class LoadedModels implements AutoCloseable {

    private final Map<VisionTask, VisionModel<?>> models;

    public LoadedModels(Map<VisionTask, VisionModel<?>> models) {
        this.models = Collections.unmodifiableMap(new EnumMap<>(models));
    }

    @SuppressWarnings("unchecked")
    public <R> VisionModel<R> get(VisionTask task) {
        VisionModel<?> model = models.get(task);
        if (model == null) {
            throw new IllegalArgumentException("no model loaded for task " + task.configName());
        }
        return (VisionModel<R>) model;
    }

    public Map<VisionTask, VisionModel<?>> all() {
        return models;
    }

    @Override
    public void close() {
        models.values().forEach(VisionModel::close);
    }
}
