package io.visionstreams.cli;

import io.visionstreams.avro.DeadLetter;
import io.visionstreams.client.Outcome;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.task.TaskSpecs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's summary for people. In: the outcomes, the event ids (one row each, in this order) and
 * the tasks that ran (one column each). Out: a plain-text table with columns event | one per task |
 * dead letter: each task's {@code TaskSpec.demoCell} (top-1 class and score; up to three objects;
 * up to three classes with their share of the pixels); {@code STAGE REASON}, and the task when only
 * that task failed. A task cell is
 * {@code -} when the task found nothing and stays empty when the event has no result for it (the
 * dead-letter column says why). Each column is as wide as its longest cell, up to a cap (a task's:
 * {@code TaskSpec.demoCellWidth}), so that all five fit in about 150 columns.
 */
final class DemoTable {

    static final String DEAD_LETTER = "dead letter";
    private static final Map<String, Integer> MAX_WIDTH = Map.of("event", 28, DEAD_LETTER, 40); // a task's: its spec's
    private static final String GAP = "  ";

    private DemoTable() {}

    static void print(PrintWriter out, List<Outcome> outcomes, List<String> eventIds, List<String> tasks) {
        List<String> columns = new ArrayList<>();
        columns.add("event");
        columns.addAll(tasks);
        columns.add(DEAD_LETTER);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        eventIds.forEach(id -> rows.put(id, new LinkedHashMap<>(Map.of("event", id))));
        for (Outcome o : outcomes) {
            Map<String, String> row = o.eventId() == null || Outcome.TAGS.equals(o.task())
                    || Outcome.OBJECT_EVENTS.equals(o.task()) ? null // tags, object events: results.jsonl only
                    : rows.get(o.eventId());
            if (row != null) {
                String column = o.isDeadLetter() ? DEAD_LETTER : o.task();
                row.merge(column, cell(o), (a, b) -> a.equals(b) ? a : a + "; " + b); // a repeat adds nothing
            }
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            int longest = column.length();
            for (Map<String, String> row : rows.values()) {
                longest = Math.max(longest, row.getOrDefault(column, "").length());
            }
            widths[c] = Math.min(longest, MAX_WIDTH.containsKey(column) ? MAX_WIDTH.get(column)
                    : TaskSpecs.of(VisionTask.fromConfigName(column)).demoCellWidth());
        }
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, String> rule = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            header.put(columns.get(c), columns.get(c));
            rule.put(columns.get(c), "-".repeat(widths[c]));
        }
        line(out, columns, widths, header);
        line(out, columns, widths, rule);
        rows.values().forEach(row -> line(out, columns, widths, row));
        out.flush();
    }

    private static void line(PrintWriter out, List<String> columns, int[] widths, Map<String, String> row) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            s.append(c == 0 ? "" : GAP).append(pad(clip(row.getOrDefault(columns.get(c), ""), widths[c]), widths[c]));
        }
        out.println(s.toString().stripTrailing());
    }

    private static String cell(Outcome o) {
        if (!o.isDeadLetter()) {
            return TaskSpecs.of(VisionTask.fromConfigName(o.task())).demoCellOf(o.record());
        }
        DeadLetter dl = (DeadLetter) o.record();
        return dl.getStage() + " " + dl.getReason() + (dl.getTask() == null ? "" : " (" + dl.getTask() + ")");
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
