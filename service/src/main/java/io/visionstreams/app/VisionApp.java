package io.visionstreams.app;

import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.InferencePermits;
import io.visionstreams.batching.KafkaSourceRecordReader;
import io.visionstreams.registry.RegistryClient;
import io.visionstreams.batching.Supervision;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.batching.Workers;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ops.OpsServer;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.ui.LiveView;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.topology.VisionTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Vision Streams instance: one shared batcher per model (their workers sharing one
 * inference budget, {@code vision.batch.inference-permits}), the topology, KafkaStreams. Processing
 * is paused while a model is paused after a systemic failure, and resumed when it recovers.
 * Close order: Kafka Streams first, leaving the group (intake stops, the stream tasks commit and
 * cancel their in-flight frames, which stay pending and which the batchers skip), then the batchers
 * (the running batch finishes, the workers end); the models belong to the caller, who may close
 * them only once {@link #close()} reports every worker ended ({@link #workersStopped()}).
 */
public final class VisionApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VisionApp.class);

    private final LoadedModels models;
    private final List<DynamicBatcher<?>> batchers = new ArrayList<>();
    private final KafkaStreams streams;
    private final Topology topology;
    private final KafkaStreamsMetrics streamsMetrics;
    private final VisionMetrics metrics;
    private final int httpPort;
    private final InferencePermits permits;
    private final ThreadReplacementPolicy threadPolicy;
    private final List<KafkaStreams.StateListener> stateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String httpBindAddress;
    private OpsServer ops;
    private LiveView liveView;
    private final VisionConfig config;
    private final String applicationId;
    private final String taskNames;
    private final Thread shutdownHook = new Thread(this::close, "vision-shutdown");
    private final Object pauseLock = new Object();
    private final RegistryClient registry;
    private volatile boolean closing;
    private boolean closed;
    private boolean workersStopped;

    /** Builds the instance; {@link #start()} begins consuming. The caller owns (and closes) {@code models}. */
    public VisionApp(VisionConfig config, LoadedModels models, FrameLoader loader, VisionMetrics metrics,
                     Properties streamsOverrides) {
        this.models = models;
        boolean gpu = models.all().values().stream().anyMatch(m -> !m.info().device().startsWith("cpu"));
        this.permits = Workers.permits(config.supervising().inferencePermits(), gpu, System.getenv("OMP_NUM_THREADS"));
        this.threadPolicy = new ThreadReplacementPolicy(config.supervising().threadReplacements(),
                config.supervising().replacementWindow(), Clock.systemUTC());
        log.info("inference budget: {} batch(es) at once for all models", permits.limit() == 0 ? "unlimited"
                : String.valueOf(permits.limit()));
        Map<VisionTask, TaskPipeline<?>> pipelines = new EnumMap<>(VisionTask.class);
        for (VisionTask task : config.tasks()) {
            pipelines.put(task, pipeline(task, models, config, metrics));
        }
        this.topology = VisionTopology.build(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return (TaskPipeline<R>) pipelines.get(task);
            }
        }, loader, metrics, KafkaSourceRecordReader.factory(), Wiring.outputValues(config));
        this.registry = loader.registry();
        if (registry != null) {
            RegistryMetrics.bind(registry, metrics.registry());
        }
        Properties props = config.streamsProperties();
        props.putAll(streamsOverrides);
        this.streams = new KafkaStreams(topology, props);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        models.all().values().forEach(m -> metrics.modelInfo(m.info().task().configName(), m.info().name(),
                m.info().version(), m.info().device(), m.info().engine()));
        this.httpPort = config.httpPort();
        this.applicationId = config.applicationId();
        this.taskNames = config.tasks().stream().map(VisionTask::configName).sorted().toList().toString();
        this.httpBindAddress = config.httpBindAddress();
        this.metrics = metrics;
        this.config = config;
    }

    private <R> TaskPipeline<R> pipeline(VisionTask task, LoadedModels models, VisionConfig config,
                                         VisionMetrics metrics) {
        VisionModel<R> model = models.get(task);
        int workers = Workers.resolve(config.batching().workers(), model.info(), System.getenv("OMP_NUM_THREADS"));
        log.info("{}: {} inference worker(s), batches of up to {}, waiting at most {} ms", task.configName(), workers,
                config.batching().maxSize(), config.batching().maxQueueDelay().toMillis());
        Supervision supervision = new Supervision(config.supervising().pauseAfterFailedBatches(), Duration.ofMillis(100),
                Duration.ofSeconds(1), config.supervising().maxBackoff(), config.supervising().batchDeadline());
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, config.batching().maxSize(),
                config.batching().maxQueueDelay(), workers, metrics, permits, supervision);
        batcher.onPauseChange(paused -> pauseWhileAModelIsPaused());
        batchers.add(batcher);
        return new TaskPipeline<>(task, batcher, TaskSpecs.<R>of(task).encoder());
    }

    /** Starts consuming, and the HTTP endpoint when {@code vision.http.port} is not -1. */
    public void start() throws IOException {
        if (httpPort >= 0 && metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
            ops = new OpsServer(httpBindAddress, httpPort, prometheus, this::isReady);
            liveView = LiveView.forConfig(config, config.streamsProperties(), Wiring.imageEvents(config), Wiring.fetcher(config));
            if (liveView != null) {
                ops.stream("/ui", liveView.handler());
                log.info("live view on http://{}:{}/ui/", httpBindAddress, ops.port());
            }
        } else if (httpPort >= 0) {
            log.warn("vision.http.port is {} but the metrics are not Prometheus meters: no HTTP endpoint", httpPort);
        }
        streams.setUncaughtExceptionHandler(threadPolicy);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.NOT_RUNNING) {
                log.info("Kafka Streams {} (was {})", now, before);
            }
            stateListeners.forEach(l -> l.onChange(now, before));
        });
        log.info("starting: application.id {}, tasks {}", applicationId, taskNames);
        // any JVM exit (SIGTERM to a command without its own handling, System.exit) stops in order first: a JVM
        // torn down while a batch runs in native code crashes (SIGSEGV in MXInvokeCachedOpEx, seen in a demo)
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        streams.start();
    }

    /** Called on every Kafka Streams state change (after this instance's own logging). */
    public void onStateChange(KafkaStreams.StateListener listener) {
        stateListeners.add(listener);
    }

    /** The exception that made the uncaught-exception policy shut the client down, or null. */
    public Throwable fatalStreamError() {
        return threadPolicy.fatal();
    }

    /** Kafka Streams processing is paused while any model is paused (its task cannot progress anyway). */
    private void pauseWhileAModelIsPaused() {
        synchronized (pauseLock) { // not the instance's lock: close() holds that while it waits for the workers
            if (!closing) {
                try {
                    pauseOrResumeStreams();
                } catch (RuntimeException e) { // a client shutting down on its own (ERROR) refuses it; nothing to pause
                    log.warn("could not pause or resume Kafka Streams processing", e);
                }
            }
        }
    }

    private void pauseOrResumeStreams() {
        boolean anyPaused = batchers.stream().anyMatch(DynamicBatcher::isPaused);
        if (anyPaused && !streams.isPaused()) {
            log.error("pausing Kafka Streams processing: a model is unavailable (see vision.model.paused)");
            streams.pause();
        } else if (!anyPaused && streams.isPaused()) {
            log.info("resuming Kafka Streams processing: every model serves again");
            streams.resume();
        }
    }

    /**
     * Ready: Kafka Streams is RUNNING, every model's batcher has a live worker (models load before an instance
     * exists), and the schema registry, if one is configured, answers.
     */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING && batchers.stream().allMatch(DynamicBatcher::isServing)
                && (registry == null || registry.isReachable());
    }

    /** The HTTP endpoint's port, or -1 when there is none. */
    public int httpPort() {
        return ops == null ? -1 : ops.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public Topology topology() {
        return topology;
    }

    public LoadedModels models() {
        return models;
    }

    /** Whether {@link #close()} saw every batcher worker end, so that the models may be closed. */
    public synchronized boolean workersStopped() {
        return workersStopped;
    }

    /** Stops in a safe order (see the class comment); idempotent, and a second caller waits for the first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        log.info("stopping: closing Kafka Streams (leaving the group), then the inference workers");
        boolean streamsClosed = streams.close(new KafkaStreams.CloseOptions().leaveGroup(true)
                .timeout(Duration.ofSeconds(30)));
        streamsMetrics.close();
        boolean stopped = true;
        for (DynamicBatcher<?> batcher : batchers) {
            stopped &= batcher.stop(Duration.ofSeconds(30));
        }
        workersStopped = stopped;
        if (liveView != null) {
            liveView.close();
        }
        if (ops != null) {
            ops.close();
        }
        log.info("stopped (Kafka Streams closed: {}, inference workers ended: {})", streamsClosed, stopped);
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook finds this instance closed
            }
        }
    }
}
