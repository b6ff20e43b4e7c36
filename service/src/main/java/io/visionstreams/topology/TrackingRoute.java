package io.visionstreams.topology;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where tracking sits in the topology: with tracking active, the frame processor forwards Detections to
 * {@link TrackObjects} and Tags to {@link TagTracks} instead of straight to their sinks; both are added,
 * with their stores, the ObjectEvent sink and the global zones table, by {@link #addTo}.
 */
final class TrackingRoute {

    private TrackingRoute() {}

    static boolean active(VisionConfig config) {
        return (Boolean) config.setting(io.visionstreams.config.VisionConfigDef.TRACKING_ENABLED)
                && config.tasks().contains(VisionTask.DETECTION);
    }

    /** The child the frame processor forwards a task's results to. */
    static String resultsChild(TaskSpec<?, ?> spec, VisionConfig config) {
        return spec.task() == VisionTask.DETECTION && active(config) ? Names.TRACK_OBJECTS : spec.resultsSink();
    }

    /** The child the frame processor forwards Tags records to. */
    static String tagsChild(VisionConfig config) {
        return active(config) ? Names.TAG_TRACKS : Names.TAGS_SINK;
    }

    /**
     * Adds tracking below the frame processor; the Detections and Tags sinks must then name their parent
     * through {@link #detectionsParent} and {@link #tagsParent}.
     */
    static void addTo(Topology topology, VisionConfig config, TrackingConfig tracking, ZoneOccupancy occupancy,
                      Serializer<byte[]> values) {
        boolean tags = config.flow().tagsEnabled();
        String detectionsSink = TaskSpecs.of(VisionTask.DETECTION).resultsSink();
        topology.addProcessor(Names.TRACK_OBJECTS,
                () -> new TrackObjects(tracking, detectionsSink, tags, occupancy), Names.FRAMES);
        topology.addStateStore(store(Names.TRACKS_STORE), Names.TRACK_OBJECTS);
        if (tags) {
            topology.addProcessor(Names.TAG_TRACKS, TagTracks::new, Names.FRAMES);
            topology.addStateStore(store(Names.TRACK_IDS_STORE), Names.TRACK_OBJECTS, Names.TAG_TRACKS);
        }
        topology.addSink(Names.OBJECT_EVENTS_SINK, tracking.objectEventsTopic(), Serdes.ByteArray().serializer(),
                values, Names.TRACK_OBJECTS);
        StoreBuilder<KeyValueStore<String, byte[]>> zones = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.ZONES_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled();
        topology.addGlobalStore(zones, Names.ZONES_SOURCE, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer(), tracking.zonesTopic(), Names.ZONES_UPDATER, ZonesStoreUpdater::new);
    }

    static String detectionsParent(VisionConfig config) {
        return active(config) ? Names.TRACK_OBJECTS : Names.FRAMES;
    }

    static String tagsParent(VisionConfig config) {
        return active(config) ? Names.TAG_TRACKS : Names.FRAMES;
    }

    /** Persistent (RocksDB) and changelogged, like the pending store: track state survives restarts and moves with its task. */
    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }
}
