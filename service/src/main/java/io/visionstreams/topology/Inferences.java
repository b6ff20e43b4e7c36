package io.visionstreams.topology;

import io.visionstreams.batching.FatalErrors;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.ingest.Frame;
import io.visionstreams.task.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * One stream task's frames submitted to the tasks' shared batchers. In: a frame and the tasks that
 * owe it an answer. Out ({@link #poll}): each task's {@link Answer.Published} or {@link Answer.Failed}
 * as it arrives, in any order (the {@link PendingLedger} orders them). A frame the model refused
 * while not serving is submitted again once it serves ({@link #RETRY_DELAY} later at the soonest); a
 * frame whose batch was cut short (cancelled) while its batcher still runs is submitted again at once;
 * a closed batcher or a JVM-wide OutOfMemoryError fails the stream task (its entries stay pending for
 * the next owner; {@link #failIfBatcherStopped}). Only the stream thread calls it.
 */
final class Inferences {

    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** One task's answer for the event at {@code offset}. */
    record Done(long offset, String task, Answer answer) {}

    private static final class Submission {
        final TaskSpec<?, ?> spec;
        final Frame frame;
        CompletableFuture<?> inference;
        CompletableFuture<Answer> answer;
        long retryAtNanos;

        Submission(TaskSpec<?, ?> spec, Frame frame) {
            this.spec = spec;
            this.frame = frame;
        }
    }

    /** Submits one frame to one task's batcher; the answer future completes on a batcher thread. */
    @FunctionalInterface
    interface Submitter {
        Submitted submit(TaskSpec<?, ?> spec, Frame frame);
    }

    /** The batcher's own future (cancelled when the stream task closes) and the answer made from it. */
    record Submitted(CompletableFuture<?> inference, CompletableFuture<Answer> answer) {}

    private final Map<String, TaskPipeline<?>> pipelines;
    private final Submitter submitter;
    private final Runnable wakeup;
    private final TreeMap<Long, Map<String, Submission>> submissions = new TreeMap<>();
    private StreamsException stopped;

    /** @param pipelines by task name; @param wakeup called on a batcher thread whenever an answer arrives */
    Inferences(Map<String, TaskPipeline<?>> pipelines, Submitter submitter, Runnable wakeup) {
        this.pipelines = pipelines;
        this.submitter = submitter;
        this.wakeup = wakeup;
    }

    void submit(long offset, TaskSpec<?, ?> spec, Frame frame) {
        Submission s = new Submission(spec, frame);
        submissions.computeIfAbsent(offset, o -> new LinkedHashMap<>()).put(spec.task().configName(), s);
        send(s);
    }

    /** Whether every task submitted for the event has answered (its frame is no longer needed). */
    boolean settled(long offset) {
        return !submissions.containsKey(offset);
    }

    /** The answers that arrived; resubmits what the model refused or a cut-short batch dropped. */
    List<Done> poll() {
        List<Done> done = new ArrayList<>();
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Map<String, Submission>>> events = submissions.entrySet().iterator();
             events.hasNext(); ) {
            Map.Entry<Long, Map<String, Submission>> event = events.next();
            for (Iterator<Submission> it = event.getValue().values().iterator(); it.hasNext(); ) {
                Submission s = it.next();
                if (!s.answer.isDone()) {
                    continue;
                }
                Answer answer = s.answer.join();
                if (answer instanceof Answer.Retry retry) {
                    retry(s, retry, now);
                    continue;
                }
                done.add(new Done(event.getKey(), s.spec.task().configName(), answer));
                it.remove();
            }
            if (event.getValue().isEmpty()) {
                events.remove();
            }
        }
        return done;
    }

    private void retry(Submission s, Answer.Retry retry, long now) {
        String task = s.spec.task().configName();
        if (FatalErrors.isFatal(retry.cause())) {
            throw new StreamsException("out of memory while " + task + " ran; stopping this stream thread",
                    retry.cause());
        }
        var batcher = pipelines.get(task).batcher();
        if (retry.cancelled()) {
            if (batcher.isClosed()) {
                stopped = new StreamsException("batcher for " + task + " stopped", retry.cause());
                return; // shutting down: the frame stays pending for the next owner
            }
            send(s); // its batch was cut short while the batcher runs on: the frame is owed an answer
            return;
        }
        if (s.retryAtNanos == 0) {
            s.retryAtNanos = now + RETRY_DELAY.toNanos();
        } else if (now >= s.retryAtNanos && batcher.isServing()) {
            send(s);
        }
    }

    /** A closed batcher cancelled a frame: waiting for its answer would wait forever, so the stream task fails. */
    void failIfBatcherStopped() {
        if (stopped != null) {
            throw stopped;
        }
    }

    private void send(Submission s) {
        s.retryAtNanos = 0;
        Submitted submitted = submitter.submit(s.spec, s.frame);
        s.inference = submitted.inference();
        s.answer = submitted.answer();
        s.answer.whenComplete((a, t) -> wakeup.run());
    }

    /** The stream task let go: the batchers skip what is still queued. */
    void close() {
        submissions.values().forEach(m -> m.values().forEach(s -> s.inference.cancel(false)));
        submissions.clear();
    }
}
