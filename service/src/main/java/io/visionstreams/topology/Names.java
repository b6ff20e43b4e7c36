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
    /** Tracking (vision.tracking.enabled): Detections pass it on their way to their sink. */
    public static final String TRACK_OBJECTS = "TrackObjects";
    /** Tracking with Tags on: Tags records pass it on their way to their sink. */
    public static final String TAG_TRACKS = "TagTracks";
    public static final String OBJECT_EVENTS_SINK = "ObjectEventsSink";
    /** source_id → the source's tracker state; changelog {@code <application.id>-tracks-changelog}. */
    public static final String TRACKS_STORE = "tracks";
    /** source_id + event_id → the frame's track ids until its Tags record passes; changelog {@code <application.id>-track-ids-changelog}. */
    public static final String TRACK_IDS_STORE = "track-ids";
    public static final String ZONES_SOURCE = "ZonesSource";
    public static final String ZONES_UPDATER = "ZonesTable";
    /** Global store of the vision.zones topic (its own changelog: the topic itself). */
    public static final String ZONES_STORE = "zones";

    private Names() {}
}
