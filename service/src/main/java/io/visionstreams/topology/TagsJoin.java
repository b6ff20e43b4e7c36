package io.visionstreams.topology;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.task.ResultRecords;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The Tags join: each task's answer contributes a partial {@link Tags} record (its labels, itself as
 * contributing or dead-lettered, its model), kept encoded in the pending entry until every enabled
 * task has answered; then the partials are concatenated, in task order, into the event's one record.
 */
final class TagsJoin {

    private TagsJoin() {}

    static byte[] contribution(ImageEvent event, String task, List<TagLabel> labels, ModelInfo model) {
        return Serdes.TAGS.encode(new Tags(event.getEventId(), event.getSourceId(), event.getCapturedAt(),
                List.copyOf(labels), List.of(task), List.of(), List.of(ResultRecords.modelRef(model)), attributes(event)));
    }

    static byte[] deadLettered(ImageEvent event, String task) {
        return Serdes.TAGS.encode(new Tags(event.getEventId(), event.getSourceId(), event.getCapturedAt(), List.of(),
                List.of(), List.of(task), List.of(), attributes(event)));
    }

    /** The event's attributes, passed through (a copy: the record must not share the event's map). */
    private static Map<String, String> attributes(ImageEvent event) {
        return event.getAttributes() == null ? Map.of() : new HashMap<>(event.getAttributes());
    }

    /** The event's Tags record from its tasks' contributions, given in task order (at least one). */
    static Tags join(Collection<byte[]> contributions) {
        Tags first = null;
        List<TagLabel> labels = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        List<String> deadLettered = new ArrayList<>();
        List<ModelRef> models = new ArrayList<>();
        for (byte[] bytes : contributions) {
            Tags part = decode(bytes);
            first = first == null ? part : first;
            labels.addAll(part.getLabels());
            tasks.addAll(part.getTasks());
            deadLettered.addAll(part.getDeadLettered());
            models.addAll(part.getModels());
        }
        if (first == null) {
            throw new IllegalArgumentException("no contribution to join");
        }
        Map<String, String> attributes = new HashMap<>();
        for (byte[] bytes : contributions) { // any contribution carries them; the first that has some wins
            if (attributes.isEmpty()) {
                attributes.putAll(decode(bytes).getAttributes());
            }
        }
        return new Tags(first.getEventId(), first.getSourceId(), first.getCapturedAt(), labels, tasks, deadLettered,
                models, attributes);
    }

    /** The first contribution, decoded: any of an event's carries its id, source and capture time. */
    static Tags decodeAny(java.util.List<byte[]> contributions) {
        return decode(contributions.get(0));
    }

    private static Tags decode(byte[] bytes) {
        try {
            return Serdes.TAGS.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new StreamsException("corrupt Tags contribution in the pending store", e);
        }
    }
}
