package io.visionstreams.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.results.Serdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What every source is doing, as the pages show it: input records and outcomes in, one
 * {@link SourceFeed} per source_id out. Fed by one reader thread; read by the HTTP and SSE threads.
 * At most {@link #MAX_SOURCES} sources are followed (a bound on memory; later ones are counted, not shown).
 */
final class LiveModel {

    static final int MAX_SOURCES = 500;
    /** Shown for dead letters whose input had no key. */
    static final String NO_KEY = "(no key)";

    private final ConcurrentMap<String, SourceFeed> sources = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ObjectNode> zones = new ConcurrentHashMap<>();
    private final Set<String> tasks;
    private final boolean tagsExpected;
    private final long maxWaitNanos;
    private final long staleMs;
    private volatile boolean tracking;
    private volatile long ignoredSources;

    /**
     * @param tasks        the enabled tasks (config names) whose results complete a frame
     * @param tagsExpected whether a Tags record completes each frame
     * @param maxWait      how long a frame waits for its answers before it is shown with what it has
     * @param stale        a source with no input record for this long shows as stale
     */
    LiveModel(Set<String> tasks, boolean tagsExpected, Duration maxWait, Duration stale) {
        this.tasks = Set.copyOf(tasks);
        this.tagsExpected = tagsExpected;
        this.maxWaitNanos = maxWait.toNanos();
        this.staleMs = stale.toMillis();
    }

    void input(ImageEvent event, int partition, long offset, long nowNanos, long nowMs) {
        SourceFeed feed = feed(event.getSourceId());
        if (feed != null) {
            feed.input(event.getEventId(), partition, offset, event.getCapturedAt().toEpochMilli(),
                    event.getImage() == null ? null : Serdes.bytes(event.getImage()), event.getImageUri(), nowNanos, nowMs);
        }
    }

    /**
     * A record of a result, Tags or dead-letter topic, as JSON with the schema's own field names
     * ({@link AvroJson}: fields added later, such as a detection's track_id, come along).
     *
     * @param kind a task's name, {@link UiRecords#TAGS} or {@link UiRecords#DEAD_LETTER}
     */
    void answer(String kind, SpecificRecord r, long nowNanos, long nowMs) {
        ObjectNode json = AvroJson.of(r).put("kind", kind);
        if (r instanceof DeadLetter dl) {
            byte[] key = dl.getOriginalKey() == null ? null : Serdes.bytes(dl.getOriginalKey());
            SourceFeed feed = feed(key == null ? NO_KEY : new String(key, StandardCharsets.UTF_8));
            if (feed == null) {
                return;
            }
            json.remove(List.of("original_value", "original_key", "headers"));
            if (dl.getTask() != null && dl.getEventId() != null) {
                feed.answer(dl.getEventId(), dl.getTask(), json.deepCopy(), nowNanos);
            }
            feed.deadLetter(dl.getEventId(), json, nowNanos, nowMs);
            return;
        }
        SourceFeed feed = feed(r.get(r.getSchema().getField("source_id").pos()).toString());
        if (feed == null) {
            return;
        }
        String eventId = r.get(r.getSchema().getField("event_id").pos()).toString();
        if (UiRecords.TAGS.equals(kind)) {
            feed.tags(eventId, json, nowNanos);
            return;
        }
        ModelRef model = (ModelRef) r.get(r.getSchema().getField("model").pos());
        feed.model(kind, model.getName(), model.getDevice());
        if (r instanceof Segmentation s) {
            feed.mask(eventId, Serdes.bytes(s.getMaskPng()), nowNanos);
        }
        feed.answer(eventId, kind, json, nowNanos);
    }

    /** An object event (tracking), as JSON with at least source_id; event_id names its frame when present. */
    void objectEvent(ObjectNode json) {
        tracking = true;
        SourceFeed feed = feed(json.path("source_id").asText(NO_KEY));
        if (feed != null) {
            json.put("kind", "object_event");
            feed.objectEvent(json, json.hasNonNull("event_id") ? json.get("event_id").asText() : null);
        }
    }

    /** The zones record of a source (the compacted topic's latest value); null removes them. */
    void zones(String sourceId, ObjectNode json) {
        if (json == null) {
            zones.remove(sourceId);
        } else {
            zones.put(sourceId, json);
        }
    }

    /** The source's own zones, else those published for every source (key {@code *}), else null. */
    ObjectNode zonesOf(String sourceId) {
        ObjectNode own = zones.get(sourceId);
        return own != null ? own : zones.get("*");
    }

    /** Sends what is due on every source; returns how many frames went out. */
    int tick(long nowNanos, long nowMs) {
        int sent = 0;
        for (SourceFeed f : sources.values()) {
            sent += f.drain(nowNanos, nowMs, maxWaitNanos, tasks, tagsExpected);
        }
        return sent;
    }

    SourceFeed source(String sourceId) {
        return sources.get(sourceId);
    }

    Iterable<SourceFeed> feeds() {
        return sources.values();
    }

    /** The sources page's data: one row per source, by id. */
    ObjectNode sourcesJson(long nowMs) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = o.putArray("sources");
        sources.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> rows.add(e.getValue().row(nowMs, staleMs)));
        o.put("tracking", tracking);
        o.put("ignored_sources", ignoredSources);
        o.put("now", nowMs);
        return o;
    }

    private SourceFeed feed(String sourceId) {
        SourceFeed f = sources.get(sourceId);
        if (f != null) {
            return f;
        }
        if (sources.size() >= MAX_SOURCES) {
            ignoredSources++;
            return null;
        }
        return sources.computeIfAbsent(sourceId, SourceFeed::new);
    }

    void close() {
        sources.values().forEach(SourceFeed::wake);
    }
}
