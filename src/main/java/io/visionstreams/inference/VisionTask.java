package io.visionstreams.inference;

import java.util.Locale;

/** The vision tasks a frame can be sent to; configuration names are the lower-case forms. */
public enum VisionTask {
    CLASSIFICATION,
    DETECTION,
    SEGMENTATION;

    /** The name used in configuration ({@code vision.tasks}), results.jsonl and dead letters. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VisionTask fromConfigName(String name) {
        for (VisionTask task : values()) {
            if (task.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        throw new IllegalArgumentException(
                "unknown task '" + name + "' (expected classification, detection or segmentation)");
    }
}
