package io.visionstreams.config;

import static io.visionstreams.config.VisionConfigDef.BATCH_MAX_IN_FLIGHT_BYTES;
import static io.visionstreams.config.VisionConfigDef.DECODE_THREADS;
import static io.visionstreams.config.VisionConfigDef.TAGS_ENABLED;

import io.visionstreams.inference.VisionTask;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How frames flow through one instance: the decode pool's size, the byte budget of frames held in
 * memory, and the Tags output (on/off, each task's threshold; its topic is in {@link VisionConfig.Topics}).
 *
 * @param decodeThreads    fetch + decode threads per instance (already resolved: at least 1)
 * @param maxInFlightBytes decoded bytes an instance may hold for frames not yet answered by every task
 * @param tagThresholds    per task, the score (segmentation: pixel fraction) above which a label is a tag
 */
public record FrameFlow(int decodeThreads, long maxInFlightBytes, boolean tagsEnabled,
                        Map<VisionTask, Double> tagThresholds) {

    public FrameFlow {
        tagThresholds = Collections.unmodifiableMap(new EnumMap<>(tagThresholds));
    }

    static FrameFlow from(Map<String, Object> parsed) {
        int threads = (Integer) parsed.get(DECODE_THREADS);
        Map<VisionTask, Double> thresholds = new EnumMap<>(VisionTask.class);
        for (VisionTask task : VisionTask.values()) {
            thresholds.put(task, (Double) parsed.get(task.tagsThresholdKey()));
        }
        return new FrameFlow(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                (Long) parsed.get(BATCH_MAX_IN_FLIGHT_BYTES), (Boolean) parsed.get(TAGS_ENABLED),
                thresholds);
    }

    public double threshold(VisionTask task) {
        return tagThresholds.get(task);
    }
}
