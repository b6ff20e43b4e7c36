package io.visionstreams.inference;

import java.util.Set;

/**
 * What model loading and the translators read of the configuration: the enabled tasks, the device and
 * engine asked for, the models and each task's options. The configuration implements it, so this
 * package never depends on {@code config}.
 */
public interface InferenceSettings {

    Set<VisionTask> tasks();

    String device();

    String engine();

    ModelSettings models();

    /** Classification: how many classes each result lists. */
    int topK();

    DetectionSettings detection();
}
