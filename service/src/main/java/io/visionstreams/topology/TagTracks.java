package io.visionstreams.topology;

import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.results.Serdes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Puts track ids into Tags records, between the frame processor and the Tags sink. A frame's Detections
 * always pass {@link TrackObjects} before its Tags record passes here (the frame processor forwards
 * Tags once every task has answered, possibly in a later transaction), so the ids wait in the
 * changelogged {@code track-ids} store, keyed by source and event_id, and go when the Tags record does.
 * Each detection label takes the id of the next object, in order, with its class, score and box.
 */
final class TagTracks implements Processor<byte[], byte[], byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, byte[]> byEvent;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        byEvent = context.getStateStore(Names.TRACK_IDS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Tags tags;
        try {
            tags = Serdes.TAGS.decode(record.value());
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("the frame processor forwarded bytes that are not Tags", e);
        }
        String key = key(tags.getSourceId(), tags.getEventId());
        byte[] ids = byEvent.get(key);
        byte[] value = record.value();
        if (ids != null) {
            byEvent.delete(key);
            List<Tracked> objects = decodeIds(ids);
            List<TagLabel> labels = new ArrayList<>();
            int next = 0;
            String detection = VisionTask.DETECTION.configName();
            for (TagLabel l : tags.getLabels()) {
                if (detection.equals(l.getTask()) && l.getBox() != null) {
                    while (next < objects.size() && !objects.get(next).matches(l)) {
                        next++;
                    }
                    if (next < objects.size()) {
                        l = TagLabel.newBuilder(l).setTrackId(objects.get(next++).trackId()).build();
                    }
                }
                labels.add(l);
            }
            tags.setLabels(labels);
            value = Serdes.TAGS.encode(tags);
        }
        context.forward(new Record<>(record.key(), value, record.timestamp()), Names.TAGS_SINK);
    }

    static String key(String sourceId, String eventId) {
        return sourceId + '\n' + eventId;
    }

    /** One tracked object as a Tags label names it: class, score, box, and its track id (null: none). */
    record Tracked(int classId, float score, float xMin, float yMin, float xMax, float yMax, Long trackId) {
        boolean matches(TagLabel l) {
            return l.getIndex() == classId && l.getScore() == score && l.getBox().getXMin() == xMin
                    && l.getBox().getYMin() == yMin && l.getBox().getXMax() == xMax && l.getBox().getYMax() == yMax;
        }
    }

    static byte[] encodeIds(List<DetectedObject> objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(objects.size());
            for (DetectedObject o : objects) {
                out.writeInt(o.getClassId());
                out.writeFloat(o.getScore());
                out.writeFloat(o.getBox().getXMin());
                out.writeFloat(o.getBox().getYMin());
                out.writeFloat(o.getBox().getXMax());
                out.writeFloat(o.getBox().getYMax());
                out.writeLong(o.getTrackId() == null ? -1 : o.getTrackId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Tracked> decodeIds(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            List<Tracked> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int classId = in.readInt();
                float score = in.readFloat();
                float x0 = in.readFloat();
                float y0 = in.readFloat();
                float x1 = in.readFloat();
                float y1 = in.readFloat();
                long id = in.readLong();
                out.add(new Tracked(classId, score, x0, y0, x1, y1, id < 0 ? null : id));
            }
            return out;
        } catch (IOException e) {
            throw new StreamsException("corrupt entry in the " + Names.TRACK_IDS_STORE + " store", e);
        }
    }
}
