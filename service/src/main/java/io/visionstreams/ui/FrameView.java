package io.visionstreams.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One frame as the page draws it, assembled from its input record and the records that answer it
 * (results by task, Tags, dead letters). Mutable; guarded by the {@link SourceFeed} that holds it.
 */
final class FrameView {

    final String eventId;
    final long createdNanos;
    int partition = -1;
    long offset = -1;
    long capturedAt;
    /** The encoded image, or null (a claim check: {@link #imageUri}; or dropped to bound memory). */
    byte[] image;
    String imageUri;
    byte[] maskPng;
    final Map<String, ObjectNode> results = new LinkedHashMap<>();
    ObjectNode tags;
    boolean wholeEventDead;

    FrameView(String eventId, long createdNanos) {
        this.eventId = eventId;
        this.createdNanos = createdNanos;
    }

    boolean hasInput() {
        return offset >= 0;
    }

    String id() {
        return partition + ":" + offset;
    }

    /**
     * Every answer is in: with Tags, the results (or dead letters) of every task Tags names (they are
     * read from other topics, so they may come after it); without, each task's result or dead letter;
     * or a dead letter for the whole event.
     */
    boolean complete(Set<String> tasks, boolean tagsExpected) {
        if (wholeEventDead) {
            return true;
        }
        if (tags != null) {
            for (String field : new String[] {"tasks", "dead_lettered"}) {
                for (JsonNode task : tags.path(field)) {
                    if (!results.containsKey(task.asText())) {
                        return false;
                    }
                }
            }
            return true;
        }
        return !tagsExpected && results.keySet().containsAll(tasks);
    }

    /** The SSE payload: ids, times, each task's result (segmentation without its PNG), Tags, and where the image and mask are. */
    ObjectNode toJson(long seq, String sourceId) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id()).put("seq", seq).put("source_id", sourceId).put("event_id", eventId)
                .put("captured_at", capturedAt);
        o.put("image", image != null || imageUri != null ? "frame/" + id() : null);
        o.put("mask", maskPng != null ? "mask/" + id() : null);
        ObjectNode r = o.putObject("results");
        results.forEach(r::set);
        o.set("tags", tags);
        o.put("dead", wholeEventDead);
        return o;
    }
}
