package io.visionstreams.topology;

import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.results.Serdes;
import io.visionstreams.tracking.Box;
import io.visionstreams.tracking.Detection;
import io.visionstreams.tracking.SourceTracker;
import io.visionstreams.tracking.TrackEvent;
import io.visionstreams.tracking.TrackerState;
import io.visionstreams.tracking.TrackerStateCodec;
import io.visionstreams.tracking.ZoneSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking, between the frame processor and the Detections sink, in the same transaction. In: each
 * Detections record, in the order the frame processor forwards them (input order per source). Out: the
 * record with a track_id on each object (to the Detections sink), the frame's object events (to the
 * ObjectEvent sink), and, when Tags are on, the frame's track ids kept until its Tags record passes
 * ({@link TagTracks}). The source's {@link TrackerState} lives in the changelogged {@code tracks} store.
 */
final class TrackObjects implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(TrackObjects.class);

    private final TrackingConfig tracking;
    private final SourceTracker tracker;
    private final String detectionsSink;
    private final boolean tags;
    private final ZoneOccupancy occupancy;
    private final Set<String> sources = new HashSet<>();
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, byte[]> tracks;
    private KeyValueStore<String, byte[]> byEvent;
    private ZonesTable zones;

    TrackObjects(TrackingConfig tracking, String detectionsSink, boolean tags, ZoneOccupancy occupancy) {
        this.tracking = tracking;
        this.tracker = new SourceTracker(tracking.settings());
        this.detectionsSink = detectionsSink;
        this.tags = tags;
        this.occupancy = occupancy;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        tracks = context.getStateStore(Names.TRACKS_STORE);
        byEvent = tags ? context.getStateStore(Names.TRACK_IDS_STORE) : null;
        zones = new ZonesTable(context.getStateStore(Names.ZONES_STORE), tracking.zonesFromFile());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Detections d = decode(record.value());
        String source = d.getSourceId();
        TrackerState state = load(source);
        List<Detection> detections = new ArrayList<>();
        List<Integer> tracked = new ArrayList<>(); // object index of each detection (objects with a valid box)
        for (int i = 0; i < d.getObjects().size(); i++) {
            DetectedObject o = d.getObjects().get(i);
            var b = o.getBox();
            if (b.getXMin() <= b.getXMax() && b.getYMin() <= b.getYMax()) {
                detections.add(new Detection(o.getClassId(), o.getLabel(), o.getScore(),
                        new Box(b.getXMin(), b.getYMin(), b.getXMax(), b.getYMax())));
                tracked.add(i);
            }
        }
        ZoneSet zoneSet = zones.forSource(source);
        SourceTracker.Outcome outcome = tracker.track(state, zoneSet, source, d.getEventId(),
                d.getCapturedAt().toEpochMilli(), detections);
        List<DetectedObject> objects = new ArrayList<>(d.getObjects());
        for (int k = 0; k < tracked.size(); k++) {
            int i = tracked.get(k);
            objects.set(i, DetectedObject.newBuilder(objects.get(i)).setTrackId(outcome.trackIds()[k]).build());
        }
        d.setObjects(objects);
        if (outcome.late()) {
            log.debug("late frame {} of source {} ({} not after the last tracked frame): not tracked", d.getEventId(),
                    source, d.getCapturedAt());
        } else {
            tracks.put(source, TrackerStateCodec.encode(state));
            if (byEvent != null) {
                byEvent.put(TagTracks.key(source, d.getEventId()), TagTracks.encodeIds(objects));
            }
            sources.add(source);
            occupancy.update(source, state.occupancy(zoneSet));
        }
        byte[] key = source.getBytes(StandardCharsets.UTF_8);
        context.forward(new Record<>(key, Serdes.DETECTIONS.encode(d), record.timestamp()), detectionsSink);
        for (TrackEvent e : outcome.events()) {
            context.forward(new Record<>(key, Serdes.OBJECT_EVENT.encode(ObjectEvents.of(e, d.getAttributes())),
                    record.timestamp()), Names.OBJECT_EVENTS_SINK);
        }
    }

    /** The source's state; a fresh one when it has none, or (logged) when its bytes are not a state this build reads. */
    private TrackerState load(String source) {
        byte[] bytes = tracks.get(source);
        if (bytes == null) {
            return new TrackerState();
        }
        try {
            return TrackerStateCodec.decode(bytes);
        } catch (IOException | RuntimeException e) {
            log.error("tracker state of source {} in store {} unreadable ({}): its tracks start again", source,
                    Names.TRACKS_STORE, e.getMessage());
            return new TrackerState();
        }
    }

    private static Detections decode(byte[] value) {
        try {
            return Serdes.DETECTIONS.decode(value);
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("the frame processor forwarded bytes that are not Detections", e);
        }
    }

    @Override
    public void close() {
        sources.forEach(occupancy::forget);
    }
}
