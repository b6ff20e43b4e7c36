package io.visionstreams.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The vision tasks a frame can be sent to, with the names each task has in configuration and on
 * the wire. Everything else a task means (its Kafka Streams names, serde, translator, encoder, demo
 * and docs) is its {@code io.visionstreams.task.TaskSpec}.
 */
public enum VisionTask {
    CLASSIFICATION("classifications", "Classification", "mobilenet_v2_1.0_224"),
    DETECTION("detections", "Detections", "ssdlite_mobilenet_v2_coco"),
    SEGMENTATION("segmentations", "Segmentation", "deeplabv3_mnv2_pascal");

    private final String resultsName;
    private final String avroType;
    private final String defaultModel;

    VisionTask(String resultsName, String avroType, String defaultModel) {
        this.resultsName = resultsName;
        this.avroType = avroType;
        this.defaultModel = defaultModel;
    }

    /** The name used in configuration ({@code vision.tasks}), results.jsonl and dead letters. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plural naming its results: topic {@code vision.<results>}, key {@code vision.topics.<results>}. */
    public String resultsName() {
        return resultsName;
    }

    /** The simple name of the Avro record it publishes (schemas/{@code <avroType>}.avsc). */
    public String avroType() {
        return avroType;
    }

    /** The configuration key of its result topic. */
    public String topicKey() {
        return "vision.topics." + resultsName;
    }

    public String defaultTopic() {
        return "vision." + resultsName;
    }

    /** The configuration key naming its catalog model. */
    public String modelKey() {
        return "vision.model." + configName();
    }

    /** The configuration key of an explicit folder holding its model's source files. */
    public String modelPathKey() {
        return modelKey() + ".path";
    }

    /** The configuration key of the threshold above which its labels go into Tags records. */
    public String tagsThresholdKey() {
        return "vision.tags." + configName() + ".min-score";
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** Every task's {@link #configName}, in declaration order: the values of {@code vision.tasks}. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(VisionTask::configName).toList();
    }

    public static VisionTask fromConfigName(String name) {
        for (VisionTask task : values()) {
            if (task.configName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return task;
            }
        }
        List<String> names = configNames();
        String expected = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new IllegalArgumentException("unknown task '" + name + "' (expected " + expected + ")");
    }
}
