package io.visionstreams.batching;

import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.avro.internal.TaskAnswer;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The pending store's value: the input record's coordinates and which tasks have answered it (with
 * their Tags contributions). Keeping the image bytes there too would write every image a second
 * time (changelog and store): measured here, that alone cost a fifth of the pipeline's throughput.
 */
public final class PendingFrames {

    /** The store's value format (internal: not part of the public contract in {@code schemas/}). */
    public static final AvroSerde<PendingFrame> SERDE =
            new AvroSerde<>(PendingFrame.getEncoder(), PendingFrame.getDecoder());

    private PendingFrames() {}

    /** @param answered task name → its encoded Tags contribution, in the order the tasks answered */
    public static byte[] encode(String topic, int partition, long offset, long timestamp, Map<String, byte[]> answered) {
        List<TaskAnswer> answers = answered.entrySet().stream()
                .map(e -> new TaskAnswer(e.getKey(), ByteBuffer.wrap(e.getValue()))).toList();
        return SERDE.encode(new PendingFrame(topic, partition, offset, timestamp, answers));
    }

    public static PendingFrame decode(byte[] bytes) {
        try {
            return SERDE.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("corrupt pending entry in the state store", e);
        }
    }

    /** The answered tasks of an entry, with their Tags contributions. */
    public static Map<String, byte[]> answered(PendingFrame frame) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (TaskAnswer a : frame.getAnswered()) {
            out.put(a.getTask(), Serdes.bytes(a.getTags()));
        }
        return out;
    }
}
