package io.visionstreams.cli;

import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.client.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's summary for people. In: the outcomes, the event ids (one row each, in this order) and
 * the tasks that ran (one column each). Out: a plain-text table with columns event | one per task |
 * dead letter: the top-1 class and score; up to three objects and scores (a repeated label written
 * once, more objects counted as {@code +N}); up to three non-background classes with their share of
 * the pixels; {@code STAGE REASON}, and the task when only that task failed. A task cell is
 * {@code -} when the task found nothing and stays empty when the event has no result for it (the
 * dead-letter column says why). Each column is as wide as its longest cell, up to a cap, so that all
 * five fit in about 150 columns.
 */
final class DemoTable {

    static final String DEAD_LETTER = "dead letter";
    private static final Map<String, Integer> MAX_WIDTH = Map.of("event", 28, "classification", 26,
            "detection", 40, "segmentation", 36, DEAD_LETTER, 40);
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
            Map<String, String> row = o.eventId() == null ? null : rows.get(o.eventId());
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
            widths[c] = Math.min(longest, MAX_WIDTH.getOrDefault(column, 30));
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
        if (o.record() instanceof Classification c) {
            return c.getTopK().isEmpty() ? "-" : firstName(c.getTopK().get(0).getLabel()) + " "
                    + score(c.getTopK().get(0).getScore());
        }
        if (o.record() instanceof Detections d) {
            int n = d.getObjects().size();
            Map<String, List<String>> scoresByLabel = new LinkedHashMap<>(); // "bowl 0.84 0.76": a label once
            d.getObjects().stream().limit(3).forEach(x -> scoresByLabel
                    .computeIfAbsent(x.getLabel(), k -> new ArrayList<>()).add(score(x.getScore())));
            return n == 0 ? "-" : scoresByLabel.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.join(" ", e.getValue()))
                    .collect(Collectors.joining(", ")) + (n > 3 ? " +" + (n - 3) : "");
        }
        if (o.record() instanceof Segmentation s) {
            String found = s.getClasses().stream().filter(c -> c.getIndex() != 0).limit(3).map(DemoTable::percent)
                    .collect(Collectors.joining(", "));
            return found.isEmpty() ? "-" : found;
        }
        DeadLetter dl = (DeadLetter) o.record();
        return dl.getStage() + " " + dl.getReason() + (dl.getTask() == null ? "" : " (" + dl.getTask() + ")");
    }

    /** ImageNet labels list synonyms ("tabby, tabby cat"); the first says enough in a table. */
    private static String firstName(String label) {
        int comma = label.indexOf(',');
        return comma < 0 ? label : label.substring(0, comma);
    }

    private static String score(float score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    private static String percent(ClassFraction c) {
        double p = 100 * c.getFraction();
        return c.getLabel() + (p < 1 ? " <1%" : String.format(Locale.ROOT, " %.0f%%", p));
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
