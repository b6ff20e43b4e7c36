package io.visionstreams.inference;

import java.nio.file.Path;
import java.util.Map;

/** Model names per task, explicit source paths, the models folder and cache, and the precision asked for. */
public record ModelSettings(Map<VisionTask, String> names, Map<VisionTask, Path> explicitPaths, Path modelsDir,
                            Path cacheDir, boolean download, Precision precision) {}
