package io.visionstreams.inference;

import ai.djl.Device;
import io.visionstreams.inference.convert.ConversionCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration in, loaded models out: for each enabled task, resolve the catalog model's
 * sources, convert them to MXNet (cached), and load them through DJL on the selected device.
 */
public final class ModelLoader {

    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final InferenceSettings config;
    private final ModelResolver resolver;
    private final ConversionCache cache;

    public ModelLoader(InferenceSettings config) {
        this.config = config;
        Path cacheDir = config.models().cacheDir() != null ? config.models().cacheDir()
                : Path.of(System.getProperty("user.home"), ".cache", "vision-streams", "models");
        this.resolver = new ModelResolver(config.models().modelsDir(), cacheDir, config.models().download());
        this.cache = new ConversionCache(cacheDir);
    }

    /** Loads the model of every enabled task; on failure, closes what was loaded. */
    public LoadedModels loadEnabled() throws ModelLoadException {
        Device device = DeviceSelector.select(config.device(), config.engine());
        Map<VisionTask, VisionModel<?>> models = new EnumMap<>(VisionTask.class);
        try {
            for (VisionTask task : config.tasks()) {
                models.put(task, load(task, device));
            }
        } catch (ModelLoadException | RuntimeException e) {
            models.values().forEach(VisionModel::close);
            throw e;
        }
        return new LoadedModels(models);
    }

    public VisionModel<?> load(VisionTask task, Device device) throws ModelLoadException {
        ModelSpec spec = ModelCatalog.get(config.models().names().get(task));
        if (spec.task() != task) {
            throw new ModelLoadException(spec.name() + " is a " + spec.task().configName() + " model, not "
                    + task.configName());
        }
        Precision precision = config.models().precision().effective(spec,
                Device.Type.CPU.equals(device.getDeviceType()));
        ConvertedModel converted = convert(spec, config.models().explicitPaths().get(task), precision);
        try {
            VisionModel<?> model = TaskModels.load(spec, converted, config, device);
            log.info("{}: {} {} on {} ({})", task.configName(), spec.name(), converted.version(), model.info().device(),
                    model.info().engine());
            return model;
        } catch (IOException e) {
            throw new ModelLoadException("cannot load " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Resolves and converts (or finds in the cache) one catalog model, in float32. */
    public ConvertedModel convert(ModelSpec spec, Path explicitPath) throws ModelLoadException {
        return convert(spec, explicitPath, Precision.FP32);
    }

    /** Resolves and converts (or finds in the cache, keyed by precision too) one catalog model. */
    public ConvertedModel convert(ModelSpec spec, Path explicitPath, Precision precision) throws ModelLoadException {
        ModelResolver.Resolved resolved = resolver.resolve(spec, explicitPath);
        return cache.obtain(resolved, precision.converter(spec));
    }

    public ModelResolver resolver() {
        return resolver;
    }
}
