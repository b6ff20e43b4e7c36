package io.visionstreams.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source's frames on their way to the browser. Frames wait, in input order, until every answer
 * is in, or no answer of this source came for {@code maxWait} (its pipeline stalled: frames then go
 * out as they are; a pipeline that is only behind keeps them waiting), then get the next sequence number and join a fixed-size ring
 * that every SSE stream of this source reads with its own cursor: nothing is queued per client, a
 * client that falls further behind than the ring skips to its oldest entry (latest wins), and a
 * reconnect with Last-Event-ID resumes after that frame while it is still in the ring. Image bytes
 * are kept for the newest {@link #IMAGES_KEPT} frames only. Thread-safe (its own monitor).
 */
final class SourceFeed {

    static final int RING = 64;
    static final int PENDING = 64;
    static final int IMAGES_KEPT = 8;
    static final int TIMELINE = 50;

    /** One frame sent to browsers: its SSE id (partition:offset), sequence number and payload. */
    static final class Emitted {
        final long seq;
        final String id;
        final String json;
        byte[] image;
        final String imageUri;
        final byte[] mask;

        Emitted(long seq, String id, String json, byte[] image, String imageUri, byte[] mask) {
            this.seq = seq;
            this.id = id;
            this.json = json;
            this.image = image;
            this.imageUri = imageUri;
            this.mask = mask;
        }
    }

    /** A timeline entry: its JSON and the snapshot (the frame's encoded image, or null). */
    record Moment(long seq, ObjectNode json, byte[] snapshot) {}

    private final String sourceId;
    private final Map<String, FrameView> byEvent = new LinkedHashMap<>();
    private final ArrayDeque<FrameView> order = new ArrayDeque<>();
    private final ArrayDeque<Emitted> ring = new ArrayDeque<>();
    private final ArrayDeque<Moment> timeline = new ArrayDeque<>();
    private final SourceStats stats = new SourceStats();
    private long seq;
    private long moments;
    private long lastAnswerNanos = Long.MIN_VALUE;

    SourceFeed(String sourceId) {
        this.sourceId = sourceId;
    }

    synchronized void input(String eventId, int partition, long offset, long capturedAt, byte[] image, String uri,
                            long nowNanos, long nowMs) {
        FrameView v = view(eventId, nowNanos);
        if (v.hasInput()) {
            return; // a duplicate of an event already read (a producer retry): the first one stands
        }
        v.partition = partition;
        v.offset = offset;
        v.capturedAt = capturedAt;
        v.image = image;
        v.imageUri = uri;
        order.addLast(v);
        int kept = 0;
        for (Iterator<FrameView> it = order.descendingIterator(); it.hasNext(); ) {
            FrameView older = it.next();
            if (++kept > IMAGES_KEPT) { // a frame this far behind is shown only for a moment, if at all: latest wins
                older.image = null;
            }
        }
        stats.input(nowMs, capturedAt, partition);
    }

    /** A task's result, or its dead letter (as the task's answer). */
    synchronized void answer(String eventId, String task, ObjectNode json, long nowNanos) {
        lastAnswerNanos = nowNanos;
        view(eventId, nowNanos).results.put(task, json);
    }

    synchronized void mask(String eventId, byte[] png, long nowNanos) {
        view(eventId, nowNanos).maskPng = png;
    }

    synchronized void tags(String eventId, ObjectNode json, long nowNanos) {
        lastAnswerNanos = nowNanos;
        view(eventId, nowNanos).tags = json;
    }

    /** A dead letter that stands for every task of the event (or of an event never read). */
    synchronized void deadLetter(String eventId, ObjectNode json, long nowNanos, long nowMs) {
        stats.deadLetter(nowMs);
        if (eventId != null) {
            lastAnswerNanos = nowNanos;
            FrameView v = view(eventId, nowNanos);
            if (json.get("task") == null || json.get("task").isNull()) {
                v.wholeEventDead = true;
            }
        }
        moment(json, null);
    }

    synchronized void model(String task, String name, String device) {
        stats.model(task, name, device);
    }

    /** An object event (tracking): on the timeline, with the image of its frame when that is still held. */
    synchronized void objectEvent(ObjectNode json, String eventId) {
        byte[] snapshot = null;
        FrameView v = eventId == null ? null : byEvent.get(eventId);
        if (v != null) {
            snapshot = v.image;
        } else if (eventId != null) {
            for (Emitted e : ring) {
                if (e.json.contains("\"event_id\":\"" + eventId + "\"")) {
                    snapshot = e.image;
                }
            }
        }
        moment(json, snapshot);
    }

    private void moment(ObjectNode json, byte[] snapshot) {
        long n = ++moments;
        json.put("moment", n);
        json.put("snapshot", snapshot == null ? null : "snapshot/" + n);
        timeline.addLast(new Moment(n, json, snapshot));
        while (timeline.size() > TIMELINE) {
            timeline.removeFirst();
        }
        notifyAll();
    }

    private FrameView view(String eventId, long nowNanos) {
        FrameView v = byEvent.get(eventId);
        if (v == null) {
            v = new FrameView(eventId, nowNanos);
            byEvent.put(eventId, v);
            if (byEvent.size() > 4 * PENDING) { // answers whose input was never read (it came before this view started)
                Iterator<FrameView> it = byEvent.values().iterator();
                while (byEvent.size() > 4 * PENDING && it.hasNext()) {
                    if (!it.next().hasInput()) {
                        it.remove();
                    }
                }
            }
        }
        return v;
    }

    /**
     * Sends every frame at the head of the input order that is complete, that waited {@code maxWaitNanos}
     * with no answer of this source coming meanwhile, or that overflows {@link #PENDING}.
     */
    synchronized int drain(long nowNanos, long nowMs, long maxWaitNanos, Set<String> tasks, boolean tagsExpected) {
        int sent = 0;
        while (!order.isEmpty()) {
            FrameView head = order.peekFirst();
            long waitingSince = Math.max(head.createdNanos, lastAnswerNanos);
            boolean due = head.complete(tasks, tagsExpected) || nowNanos - waitingSince >= maxWaitNanos
                    || order.size() > PENDING;
            if (!due) {
                break;
            }
            order.removeFirst();
            byEvent.remove(head.eventId);
            emit(head, nowMs);
            sent++;
        }
        byEvent.values().removeIf(v -> !v.hasInput() && nowNanos - v.createdNanos > 30 * maxWaitNanos);
        if (sent > 0) {
            notifyAll();
        }
        return sent;
    }

    private void emit(FrameView v, long nowMs) {
        long s = ++seq;
        ring.addLast(new Emitted(s, v.id(), v.toJson(s, sourceId).toString(), v.image, v.imageUri, v.maskPng));
        while (ring.size() > RING) {
            ring.removeFirst();
        }
        int kept = 0;
        for (Iterator<Emitted> it = ring.descendingIterator(); it.hasNext(); ) {
            Emitted e = it.next();
            if (++kept > IMAGES_KEPT) {
                e.image = null;
            }
        }
        stats.frame(nowMs, v.capturedAt);
    }

    /**
     * The sequence number after which a stream that last saw {@code lastEventId} resumes: that frame's,
     * or, when it left the ring, the last one before the first frame of its partition past its offset;
     * null id: the newest frame is sent first.
     */
    synchronized long resumeAfter(String lastEventId) {
        if (lastEventId == null || !lastEventId.matches("\\d+:\\d+")) {
            return ring.isEmpty() ? seq : ring.peekLast().seq - 1;
        }
        long prev = ring.isEmpty() ? seq : ring.peekFirst().seq - 1;
        String[] po = lastEventId.split(":");
        for (Emitted e : ring) {
            if (e.id.equals(lastEventId)) {
                return e.seq;
            }
            String[] epo = e.id.split(":");
            if (epo[0].equals(po[0]) && Long.parseLong(epo[1]) > Long.parseLong(po[1])) {
                return e.seq - 1;
            }
        }
        return prev;
    }

    /** Waits up to {@code timeoutMs} until a frame after {@code afterSeq} or a moment after {@code afterMoment} exists. */
    synchronized void awaitNews(long afterSeq, long afterMoment, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (seq <= afterSeq && moments <= afterMoment) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** The frames after {@code afterSeq} still in the ring, oldest first. */
    synchronized List<Emitted> framesAfter(long afterSeq) {
        List<Emitted> out = new ArrayList<>();
        for (Emitted e : ring) {
            if (e.seq > afterSeq) {
                out.add(e);
            }
        }
        return out;
    }

    /** The timeline entries after {@code afterMoment} still held, oldest first. */
    synchronized List<Moment> momentsAfter(long afterMoment) {
        return timeline.stream().filter(m -> m.seq() > afterMoment).toList();
    }

    synchronized Emitted frame(String id) {
        for (Emitted e : ring) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        return null;
    }

    synchronized Moment moment(long n) {
        for (Moment m : timeline) {
            if (m.seq() == n) {
                return m;
            }
        }
        return null;
    }

    synchronized int partition() {
        return stats.partition();
    }

    synchronized void lag(long lag) {
        stats.lag(lag);
    }

    synchronized ObjectNode row(long nowMs, long staleMs) {
        return stats.toJson(sourceId, nowMs, staleMs);
    }

    /** Wakes the streams waiting in {@link #await} (on close). */
    synchronized void wake() {
        notifyAll();
    }
}
