package io.visionstreams.ui;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics the view reads.
 *
 * @param input        the input topic (ImageEvents: the frames)
 * @param taskByTopic  result topics by task name, the Tags topic ({@code tags}) and the dead letters ({@code dead-letter})
 * @param objectEvents tracking's object events, read when this build has their schema (null: none)
 * @param zones        tracking's zones (compacted, key = source_id), read when this build has their schema (null: none)
 */
record LiveTopics(String input, Map<String, String> taskByTopic, String objectEvents, String zones) {

    static final String OBJECT_EVENTS = "vision.object-events";
    static final String ZONES = "vision.zones";

    LiveTopics {
        taskByTopic = Map.copyOf(taskByTopic);
    }

    /** A topic key of builds with tracking; its default in builds without. */
    private static String setting(VisionConfig config, String key, String otherwise) {
        try {
            return (String) config.setting(key);
        } catch (IllegalArgumentException notInThisBuild) {
            return otherwise;
        }
    }

    /** The topics of {@code config}: its input, its enabled tasks' results, dead letters and (when enabled) Tags. */
    static LiveTopics of(VisionConfig config) {
        Map<String, String> byTopic = new LinkedHashMap<>();
        for (VisionTask task : config.tasks()) {
            byTopic.put(config.topics().resultsFor(task), task.configName());
        }
        byTopic.put(config.topics().deadLetters(), UiRecords.DEAD_LETTER);
        if (config.flow().tagsEnabled()) {
            byTopic.put(config.topics().tags(), UiRecords.TAGS);
        }
        return new LiveTopics(config.topics().imageEvents(), byTopic, setting(config, "vision.topics.object-events", OBJECT_EVENTS),
                setting(config, "vision.topics.zones", ZONES));
    }
}
