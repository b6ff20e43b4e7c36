package io.visionstreams.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pending events of one stream task and what may leave them, with no Kafka types (as Kafka
 * Streams' time-ordered change buffer is to its suppression processor). In: events admitted or
 * restored by input offset, each task's {@link Answer} (in any order), whole-event rejections. Out,
 * from {@link #drain()}: {@link LedgerCommand}s that keep three rules:
 * <ul>
 *   <li>each task's answers leave in input order: one waits until every older event has that task's answer;</li>
 *   <li>an answer leaves in the same step as the entry that records it ({@code Put}), or as the entry's
 *       {@code Delete} once every enabled task answered, so a restored entry never lists a task whose output
 *       was not forwarded, nor misses one that was;</li>
 *   <li>Tags records leave in input order: an event completes only when every older one has.</li>
 * </ul>
 * A whole-event rejection (nothing answered yet) leaves at once with its entry's {@code Delete}; a
 * partly answered event's rejection is given as that failure for each task left ({@link #answer}).
 * Only the stream thread touches it.
 */
final class PendingLedger {

    private static final class Entry {
        final Map<String, byte[]> answered = new LinkedHashMap<>(); // what the store holds, in answer order
        final Map<String, Answer> ready = new LinkedHashMap<>(); // answered, waiting for its turn
        Answer.Failed rejected;
        String rejectedId;
        boolean dirty;
    }

    private final List<String> tasks;
    private final boolean tagsEnabled;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();

    /** @param tasks the enabled tasks, in {@code vision.tasks} order (the Tags record's order) */
    PendingLedger(List<String> tasks, boolean tagsEnabled) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no task enabled");
        }
        this.tasks = List.copyOf(tasks);
        this.tagsEnabled = tagsEnabled;
    }

    /** A newly consumed event: its empty entry is written at once. False, and nothing to do, when it is pending already. */
    boolean admit(long offset, List<LedgerCommand> out) {
        if (entries.containsKey(offset)) {
            return false; // consumed again (at_least_once after a restore): the pending entry stands
        }
        entries.put(offset, new Entry());
        out.add(new LedgerCommand.Put(offset, Map.of()));
        return true;
    }

    /** An entry read from the store (the tasks that answered before, possibly ones no longer enabled). */
    void restore(long offset, Map<String, byte[]> answered) {
        Entry e = new Entry();
        e.answered.putAll(answered);
        entries.put(offset, e);
    }

    boolean contains(long offset) {
        return entries.containsKey(offset);
    }

    int size() {
        return entries.size();
    }

    /** Enabled tasks that have given no answer for the event yet (none: unknown offset). */
    List<String> open(long offset) {
        Entry e = entries.get(offset);
        if (e == null || e.rejected != null) {
            return List.of();
        }
        return tasks.stream().filter(t -> !e.answered.containsKey(t) && !e.ready.containsKey(t)).toList();
    }

    /** Whether no task has answered the event (a rejection then is one dead letter for the whole event). */
    boolean untouched(long offset) {
        Entry e = entries.get(offset);
        return e != null && e.answered.isEmpty() && e.ready.isEmpty();
    }

    /** A task's Tags contributions already recorded for the event (any task's carries the event's identity). */
    List<byte[]> contributions(long offset) {
        Entry e = entries.get(offset);
        return e == null ? List.of() : List.copyOf(e.answered.values());
    }

    /** One task's answer ({@link Answer.Published} or {@link Answer.Failed}); a second answer for it is ignored. */
    void answer(long offset, String task, Answer answer) {
        if (answer instanceof Answer.Retry) {
            throw new IllegalArgumentException("a retry is not an answer");
        }
        Entry e = entries.get(offset);
        if (e != null && e.rejected == null && !e.answered.containsKey(task)) {
            e.ready.putIfAbsent(task, answer);
        }
    }

    /** The whole event cannot be loaded and no task has answered it: one dead letter, then the entry goes. */
    void reject(long offset, Answer.Failed failure, String eventId) {
        if (!untouched(offset)) {
            throw new IllegalStateException("event at offset " + offset + " is answered in part or unknown");
        }
        entries.get(offset).rejected = failure;
        entries.get(offset).rejectedId = eventId;
    }

    /** Events whose output for {@code task} has not been forwarded (rejected ones excluded). */
    int owing(String task) {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.rejected == null && !e.answered.containsKey(task)) {
                n++;
            }
        }
        return n;
    }

    /** Everything that may leave now, in the order to apply it. */
    List<LedgerCommand> drain() {
        List<LedgerCommand> out = new ArrayList<>();
        drain(out);
        return out;
    }

    void drain(List<LedgerCommand> out) {
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> kv = it.next();
            if (kv.getValue().rejected != null) {
                out.add(new LedgerCommand.Reject(kv.getKey(), kv.getValue().rejected, kv.getValue().rejectedId));
                out.add(new LedgerCommand.Delete(kv.getKey()));
                it.remove();
            }
        }
        for (String task : tasks) {
            for (Map.Entry<Long, Entry> kv : entries.entrySet()) {
                Entry e = kv.getValue();
                if (e.answered.containsKey(task)) {
                    continue;
                }
                Answer answer = e.ready.remove(task);
                if (answer == null) {
                    break; // this task's order: nothing younger leaves before this one
                }
                out.add(new LedgerCommand.Emit(kv.getKey(), task, answer));
                e.answered.put(task, tags(answer));
                e.dirty = true;
            }
        }
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> kv = it.next();
            if (!complete(kv.getValue())) {
                break;
            }
            if (tagsEnabled && !kv.getValue().answered.isEmpty()) {
                out.add(new LedgerCommand.Join(kv.getKey(), ordered(kv.getValue())));
            }
            out.add(new LedgerCommand.Delete(kv.getKey()));
            it.remove();
        }
        for (Map.Entry<Long, Entry> kv : entries.entrySet()) {
            if (kv.getValue().dirty) {
                kv.getValue().dirty = false;
                out.add(new LedgerCommand.Put(kv.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(kv.getValue().answered))));
            }
        }
    }

    /** The stream task let go: entries stay in the store for the next owner. */
    void clear() {
        entries.clear();
    }

    private boolean complete(Entry e) {
        return tasks.stream().allMatch(e.answered::containsKey);
    }

    /** Contributions in task order, then any of tasks no longer enabled (answered before a restart). */
    private List<byte[]> ordered(Entry e) {
        List<byte[]> out = new ArrayList<>();
        tasks.forEach(t -> out.add(e.answered.get(t)));
        e.answered.forEach((task, bytes) -> {
            if (!tasks.contains(task)) {
                out.add(bytes);
            }
        });
        return out;
    }

    private static byte[] tags(Answer answer) {
        if (answer instanceof Answer.Published p) {
            return p.tags();
        }
        return ((Answer.Failed) answer).tags();
    }
}
