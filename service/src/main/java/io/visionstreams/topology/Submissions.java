package io.visionstreams.topology;

import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.ingest.Frame;
import io.visionstreams.task.TaskSpec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Hands a frame to a task's batcher; its answer is made on the batcher's thread ({@link Answers}), whatever it throws. */
final class Submissions implements Inferences.Submitter {

    private final VisionConfig config;
    private final Map<String, TaskPipeline<?>> pipelines;

    Submissions(VisionConfig config, Map<String, TaskPipeline<?>> pipelines) {
        this.config = config;
        this.pipelines = pipelines;
    }

    @Override
    public Inferences.Submitted submit(TaskSpec<?, ?> spec, Frame frame) {
        return typed(spec, frame);
    }

    private <R> Inferences.Submitted typed(TaskSpec<?, ?> spec, Frame frame) {
        String task = spec.task().configName();
        @SuppressWarnings("unchecked")
        TaskPipeline<R> pipeline = (TaskPipeline<R>) pipelines.get(task);
        @SuppressWarnings("unchecked")
        TaskSpec<R, ?> typed = (TaskSpec<R, ?>) spec;
        double threshold = config.flow().threshold(spec.task());
        int maxBytes = config.maxRecordBytes();
        var inference = pipeline.batcher().submit(frame.image());
        CompletableFuture<Answer> answer = inference
                .handle((inferred, error) -> Answers.of(typed, frame.event(), frame.source(),
                        pipeline.batcher().model().info(), inferred, error, threshold, maxBytes))
                .exceptionally(t -> Answers.crashed(frame.event(), task, t));
        return new Inferences.Submitted(inference, answer);
    }
}
