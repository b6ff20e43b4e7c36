package io.visionstreams.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sources page's row for one source: frames per second and end-to-end delay over the last
 * {@link #WINDOW_MS}, dead letters in the last minute, models and devices, last frame, consumer lag.
 * Times are wall-clock milliseconds given by the caller; not thread-safe (its {@link SourceFeed} guards it).
 */
final class SourceStats {

    static final long WINDOW_MS = 10_000;
    static final long MINUTE_MS = 60_000;

    private final ArrayDeque<long[]> frames = new ArrayDeque<>(); // {wall ms, delay ms}
    private final ArrayDeque<Long> deadLetters = new ArrayDeque<>();
    private final Map<String, String> models = new TreeMap<>();
    private long lastInputWall = -1;
    private long lastCapturedAt = -1;
    private int partition = -1;
    private long lag = -1;

    void input(long nowMs, long capturedAt, int partition) {
        lastInputWall = nowMs;
        lastCapturedAt = capturedAt;
        this.partition = partition;
    }

    /** A frame shown: {@code capturedAt} to {@code nowMs} is its end-to-end delay. */
    void frame(long nowMs, long capturedAt) {
        frames.addLast(new long[] {nowMs, Math.max(0, nowMs - capturedAt)});
        trim(nowMs);
    }

    void deadLetter(long nowMs) {
        deadLetters.addLast(nowMs);
        trim(nowMs);
    }

    void model(String task, String name, String device) {
        models.put(task, name + " (" + device + ")");
    }

    int partition() {
        return partition;
    }

    void lag(long lag) {
        this.lag = lag;
    }

    private void trim(long nowMs) {
        while (!frames.isEmpty() && frames.peekFirst()[0] < nowMs - WINDOW_MS) {
            frames.removeFirst();
        }
        while (!deadLetters.isEmpty() && deadLetters.peekFirst() < nowMs - MINUTE_MS) {
            deadLetters.removeFirst();
        }
    }

    /** The row; stale when no input record arrived in the last {@code staleMs}. */
    ObjectNode toJson(String sourceId, long nowMs, long staleMs) {
        trim(nowMs);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("source_id", sourceId);
        o.put("fps", frames.size() * 1000.0 / WINDOW_MS);
        if (frames.isEmpty()) {
            o.putNull("delay_ms");
        } else {
            o.put("delay_ms", frames.stream().mapToLong(f -> f[1]).sum() / frames.size());
        }
        o.put("dead_letters_per_minute", deadLetters.size());
        ObjectNode m = o.putObject("models");
        models.forEach(m::put);
        o.put("last_frame_at", lastCapturedAt < 0 ? null : lastCapturedAt);
        o.put("last_seen_ms_ago", lastInputWall < 0 ? null : nowMs - lastInputWall);
        o.put("stale", lastInputWall < 0 || nowMs - lastInputWall > staleMs);
        o.put("partition", partition);
        o.put("lag", lag < 0 ? null : lag);
        return o;
    }
}
