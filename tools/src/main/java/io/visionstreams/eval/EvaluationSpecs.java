package io.visionstreams.eval;

import io.visionstreams.inference.VisionTask;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The evaluation side of every task, in {@link VisionTask} order; a task without one fails here, at start. */
public final class EvaluationSpecs {

    private static final Map<VisionTask, EvaluationSpec> BY_TASK = new EnumMap<>(VisionTask.class);

    static {
        for (EvaluationSpec spec : List.of(new ClassificationEvaluationSpec(), new DetectionEvaluationSpec(),
                new SegmentationEvaluationSpec())) {
            BY_TASK.put(spec.task(), spec);
        }
        for (VisionTask task : VisionTask.values()) {
            if (!BY_TASK.containsKey(task)) {
                throw new ExceptionInInitializerError("no EvaluationSpec for " + task);
            }
        }
    }

    private EvaluationSpecs() {}

    public static EvaluationSpec of(VisionTask task) {
        return BY_TASK.get(task);
    }

    /** @param task a task's config name (classification, detection, ...) */
    public static EvaluationSpec of(String task) {
        return of(VisionTask.fromConfigName(task));
    }

    /** The config names of the tasks that can be evaluated: every task. */
    public static List<String> names() {
        return BY_TASK.keySet().stream().map(VisionTask::configName).toList();
    }
}
