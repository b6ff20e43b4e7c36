package io.visionstreams.topology;

/**
 * The stable names of the processors, stores and sinks every topology has (each task's result sink
 * is in its {@link io.visionstreams.task.TaskSpec}). They are API: renaming a store renames its
 * changelog topic ({@code <application.id>-<store>-changelog}) and loses its state.
 */
public final class Names {

    public static final String SOURCE = "ImageEventsSource";
    /** The one processor: decode (on the frame pool), every task's batching, the Tags join. */
    public static final String FRAMES = "InferFrames";
    /** Input offset → PendingFrame (coordinates and the tasks that answered); changelog {@code <application.id>-frames-pending-changelog}. */
    public static final String PENDING_STORE = "frames-pending";
    public static final String DEAD_LETTERS_SINK = "DeadLettersSink";
    public static final String TAGS_SINK = "TagsSink";

    private Names() {}
}
