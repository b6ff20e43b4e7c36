package io.visionstreams.topology;

import io.visionstreams.inference.VisionTask;

/**
 * The stable names of every processor, sink and state store. They are API: renaming a store
 * renames its changelog topic ({@code <application.id>-<store>-changelog}) and loses its state.
 */
public final class Names {

    public static final String SOURCE = "ImageEventsSource";
    public static final String DECODE = "DecodeAndValidate";
    public static final String DEAD_LETTERS_SINK = "DeadLettersSink";

    private Names() {}

    /** The batching inference processor of a task: Classify, Detect, Segment. */
    public static String inference(VisionTask task) {
        return switch (task) {
            case CLASSIFICATION -> "Classify";
            case DETECTION -> "Detect";
            case SEGMENTATION -> "Segment";
        };
    }

    /** The pending store of a task, e.g. {@code classification-pending}. */
    public static String pendingStore(VisionTask task) {
        return task.configName() + "-pending";
    }

    /** The result sink of a task: ClassificationsSink, DetectionsSink, SegmentationsSink. */
    public static String resultsSink(VisionTask task) {
        return switch (task) {
            case CLASSIFICATION -> "ClassificationsSink";
            case DETECTION -> "DetectionsSink";
            case SEGMENTATION -> "SegmentationsSink";
        };
    }
}
