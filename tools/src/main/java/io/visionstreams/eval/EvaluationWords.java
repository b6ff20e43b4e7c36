package io.visionstreams.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The words the views of one task's scores use (console, {@code summary.md}, the report page).
 *
 * @param title         the report's section, e.g. {@code Detection (COCO)}
 * @param perClassTitle the caption of the per-class chart, e.g. {@code AP@[.5:.95] per class}
 * @param value         the per-class column of {@code ClassRow.value}, e.g. {@code AP}
 * @param value50       the per-class column of {@code ClassRow.value50}, or null where the task has none
 * @param support       what {@code ClassRow.support} and a confusion's count are counted in: frames, objects, pixels
 * @param metricNames   the headline metrics' names for people by their JSON names, e.g. {@code map} → {@code mAP@[.5:.95]}
 */
public record EvaluationWords(String title, String perClassTitle, String value, String value50, String support,
                              Map<String, String> metricNames) {

    public EvaluationWords {
        metricNames = Map.copyOf(metricNames);
    }

    /** The headline metric {@code key}'s name for people; the key itself where it has none. */
    public String metricName(String key) {
        return metricNames.getOrDefault(key, key);
    }

    public boolean hasValue50() {
        return value50 != null;
    }

    /** The per-class columns after the class name: value, value50 where there is one, support. */
    public List<String> classColumns() {
        List<String> columns = new ArrayList<>(List.of(value));
        if (hasValue50()) {
            columns.add(value50);
        }
        columns.add(support);
        return columns;
    }
}
