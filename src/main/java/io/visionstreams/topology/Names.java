package io.visionstreams.topology;

/**
 * The stable names of the processors and sinks every topology has (each task's own are in its
 * {@link io.visionstreams.task.TaskSpec}). They are API: renaming a store
 * renames its changelog topic ({@code <application.id>-<store>-changelog}) and loses its state.
 */
public final class Names {

    public static final String SOURCE = "ImageEventsSource";
    public static final String DECODE = "DecodeAndValidate";
    public static final String DEAD_LETTERS_SINK = "DeadLettersSink";

    private Names() {}

    // Each task's processor, pending store and result sink are named by its TaskSpec.
}
