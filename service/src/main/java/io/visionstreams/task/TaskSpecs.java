package io.visionstreams.task;

import io.visionstreams.inference.VisionTask;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The descriptor of every task, in {@link VisionTask} order. */
public final class TaskSpecs {

    private static final Map<VisionTask, TaskSpec<?, ?>> BY_TASK = new EnumMap<>(VisionTask.class);

    static {
        for (TaskSpec<?, ?> spec : List.of(new ClassificationSpec(), new DetectionSpec(), new SegmentationSpec())) {
            BY_TASK.put(spec.task(), spec);
        }
        for (VisionTask task : VisionTask.values()) {
            if (!BY_TASK.containsKey(task)) {
                throw new ExceptionInInitializerError("no TaskSpec for " + task);
            }
        }
    }

    private TaskSpecs() {}

    @SuppressWarnings("unchecked")
    public static <R> TaskSpec<R, ?> of(VisionTask task) {
        return (TaskSpec<R, ?>) BY_TASK.get(task);
    }

    /** The specs of {@code tasks}, in {@link VisionTask} order (the order of docs, tables and topologies). */
    public static List<TaskSpec<?, ?>> of(Collection<VisionTask> tasks) {
        return BY_TASK.values().stream().filter(s -> tasks.contains(s.task())).toList();
    }

    /** The spec whose Avro record {@code record} is, if it is a task's result. */
    public static Optional<TaskSpec<?, ?>> ofRecord(Object record) {
        return BY_TASK.values().stream().filter(s -> s.recordType().isInstance(record)).findFirst();
    }

    public static List<TaskSpec<?, ?>> all() {
        return List.copyOf(BY_TASK.values());
    }
}
