package io.visionstreams.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts for every (event, task) pair: done by a result of that task, by a dead letter for that
 * task, or by a dead letter for the whole event (input unreadable). Counts repeats, so exactly-once
 * can be checked: a repeat is a second outcome for a pair already accounted for. Tags count as one
 * more task ({@link Outcome#TAGS}) when the ledger is given it: a Tags record accounts for it, and so
 * does a dead letter for the whole event (an event that never decoded has no Tags).
 */
public final class EventLedger {

    private final Set<String> expectedEvents;
    private final List<String> tasks;
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();
    private int unattributed;

    public EventLedger(Collection<String> eventIds, Collection<String> tasks) {
        this.expectedEvents = new LinkedHashSet<>(eventIds);
        this.tasks = List.copyOf(tasks);
    }

    public void record(Outcome outcome) {
        if (Outcome.OBJECT_EVENTS.equals(outcome.task())) {
            return; // not one per event: nothing to account for
        }
        if (outcome.eventId() == null || !expectedEvents.contains(outcome.eventId())) {
            unattributed++;
            return;
        }
        String failed = outcome.failedTask();
        if (failed == null) {
            tasks.forEach(t -> outcomes.merge(key(outcome.eventId(), t), 1, Integer::sum));
        } else {
            outcomes.merge(key(outcome.eventId(), failed), 1, Integer::sum);
        }
    }

    public boolean complete() {
        return missing().isEmpty();
    }

    /** Pairs with no outcome yet, as {@code event_id/task}. */
    public Set<String> missing() {
        Set<String> missing = new LinkedHashSet<>();
        for (String event : expectedEvents) {
            for (String task : tasks) {
                if (!outcomes.containsKey(key(event, task))) {
                    missing.add(key(event, task));
                }
            }
        }
        return missing;
    }

    /** Outcomes beyond the first per pair. */
    public int duplicates() {
        return outcomes.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** {@link #missing} counted per task, every task present. */
    public Map<String, Integer> missingByTask() {
        Map<String, Integer> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.put(t, 0));
        for (String pair : missing()) {
            out.merge(pair.substring(pair.lastIndexOf('/') + 1), 1, Integer::sum);
        }
        return out;
    }

    /** {@link #duplicates} counted per task, every task present. */
    public Map<String, Integer> duplicatesByTask() {
        Map<String, Integer> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.put(t, 0));
        outcomes.forEach((pair, n) -> out.merge(pair.substring(pair.lastIndexOf('/') + 1), n - 1, Integer::sum));
        return out;
    }

    /** Outcomes for events not in the expected set (or with no event id). */
    public int unattributed() {
        return unattributed;
    }

    private static String key(String eventId, String task) {
        return eventId + "/" + task;
    }
}
