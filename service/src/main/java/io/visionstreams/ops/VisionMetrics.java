package io.visionstreams.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's own meters (Kafka Streams' client metrics are bound separately):
 * batch sizes, queue delay and inference time per model, in-flight frames, results and dead
 * letters by task and reason, end-to-end latency (now - captured_at). Thread-safe.
 */
public final class VisionMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> liveWorkers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pausedModels = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hungModels = new ConcurrentHashMap<>();

    public VisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters scraped over HTTP in Prometheus' text format (see {@link OpsServer}). */
    public static VisionMetrics prometheus() {
        return new VisionMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Meters kept in memory only, for tests and tools that read them directly. */
    public static VisionMetrics inMemory() {
        return new VisionMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void batchCompleted(String model, int size, long inferenceNanos) {
        DistributionSummary.builder("vision.batch.size").description("Frames per inference batch")
                .tag("model", model).publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(256.0)
                .register(registry).record(size);
        Timer.builder("vision.inference.duration").description("Wall time of one batch in the model, pre/post-processing included")
                .tag("model", model).publishPercentileHistogram().register(registry)
                .record(inferenceNanos, TimeUnit.NANOSECONDS);
    }

    public void queued(String model, long queueNanos) {
        Timer.builder("vision.batch.queue.delay").description("Time a frame waited in the batcher before its batch started")
                .tag("model", model).publishPercentileHistogram().register(registry)
                .record(queueNanos, TimeUnit.NANOSECONDS);
    }

    public void result(String task, Duration endToEnd) {
        Counter.builder("vision.results").description("Results published").tag("task", task).register(registry).increment();
        Timer.builder("vision.end.to.end.latency").description("Result forwarded minus the event's captured_at")
                .tag("task", task).publishPercentileHistogram().register(registry)
                .record(endToEnd.isNegative() ? Duration.ZERO : endToEnd);
    }

    public void deadLetter(String stage, String reason, String task) {
        Counter.builder("vision.dead.letters").description("Inputs sent to the dead-letter topic")
                .tag("stage", stage).tag("reason", reason).tag("task", task == null ? "none" : task)
                .register(registry).increment();
    }

    /** Which model serves which task, on which device and engine: a constant 1 with those tags. */
    public void modelInfo(String task, String model, String version, String device, String engine) {
        Gauge.builder("vision.model.info", () -> 1).description("The model serving a task, and where it runs")
                .tag("task", task).tag("model", model).tag("version", version).tag("device", device).tag("engine", engine)
                .register(registry);
    }

    /** The shared in-flight counter of a task (all its stream tasks together). */
    public AtomicInteger inFlight(String task) {
        return inFlight.computeIfAbsent(task, t -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("vision.inflight.frames", value, AtomicInteger::get)
                    .description("Frames submitted to a model and not yet forwarded").tag("task", t).register(registry);
            return value;
        });
    }

    /** Inference worker threads of a model that hold a live predictor (all its batchers together). */
    public AtomicInteger liveWorkers(String model) {
        return liveWorkers.computeIfAbsent(model, m -> gauge("vision.batcher.workers.live",
                "Inference worker threads of a model with a live predictor; 0: readiness is false", m));
    }

    /** 1 while a model is paused after a systemic failure (every batch failing), else 0. */
    public AtomicInteger pausedModels(String model) {
        return pausedModels.computeIfAbsent(model, m -> gauge("vision.model.paused",
                "1 while a model is paused because every batch failed (its tasks make no progress), else 0", m));
    }

    /** 1 while a batch of a model has run past its inference deadline without returning (a hung model), else 0. */
    public AtomicInteger hungModels(String model) {
        return hungModels.computeIfAbsent(model, m -> gauge("vision.model.hung",
                "1 while a batch has run past vision.supervision.batch-deadline-ms without returning, else 0", m));
    }

    public void workerRestarted(String model) {
        Counter.builder("vision.batcher.worker.restarts").description("Inference worker threads restarted after dying")
                .tag("model", model).register(registry).increment();
    }

    /** Frames completed with ModelUnavailableException: kept pending by their task, never dead-lettered. */
    public void unavailableFrames(String model, int frames) {
        Counter.builder("vision.model.unavailable.frames")
                .description("Frames refused because their model was unavailable (kept pending, not dead-lettered)")
                .tag("model", model).register(registry).increment(frames);
    }

    /** A frame whose future was already cancelled (its stream task revoked), skipped by the batcher. */
    public void cancelledSkipped(String model) {
        Counter.builder("vision.batch.cancelled.skipped")
                .description("Frames cancelled before their batch ran (revoked stream tasks): skipped, not computed")
                .tag("model", model).register(registry).increment();
    }

    private AtomicInteger gauge(String name, String description, String model) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(name, value, AtomicInteger::get).description(description).tag("model", model).register(registry);
        return value;
    }

    /** Frames in flight over every task: 0 once every consumed input has been answered. */
    public int inFlightTotal() {
        return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
