package io.visionstreams.app;

import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.batching.Workers;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ops.OpsServer;
import io.visionstreams.ops.VisionMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.topology.VisionTopology;
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
 * A running Vision Streams instance: one shared batcher per model, the topology, KafkaStreams.
 * Close order: Kafka Streams first (commits or leaves pending work in the stores), then the
 * batchers; the models belong to the caller and outlive the instance.
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
    private final String httpBindAddress;
    private OpsServer ops;

    /** Builds the instance; {@link #start()} begins consuming. The caller owns (and closes) {@code models}. */
    public VisionApp(VisionConfig config, LoadedModels models, FrameLoader loader, VisionMetrics metrics,
                     Properties streamsOverrides) {
        this.models = models;
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
        }, loader, metrics);
        Properties props = config.streamsProperties();
        props.putAll(streamsOverrides);
        this.streams = new KafkaStreams(topology, props);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        models.all().values().forEach(m -> metrics.modelInfo(m.info().task().configName(), m.info().name(),
                m.info().version(), m.info().device(), m.info().engine()));
        this.httpPort = config.httpPort();
        this.httpBindAddress = config.httpBindAddress();
        this.metrics = metrics;
    }

    private <R> TaskPipeline<R> pipeline(VisionTask task, LoadedModels models, VisionConfig config,
                                         VisionMetrics metrics) {
        VisionModel<R> model = models.get(task);
        int workers = Workers.resolve(config.batching().workers(), model.info(), System.getenv("OMP_NUM_THREADS"));
        log.info("{}: {} inference worker(s), batches of up to {}, waiting at most {} ms", task.configName(), workers,
                config.batching().maxSize(), config.batching().maxQueueDelay().toMillis());
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, config.batching().maxSize(),
                config.batching().maxQueueDelay(), workers, metrics);
        batchers.add(batcher);
        return new TaskPipeline<>(task, batcher, TaskSpecs.<R>of(task).encoder());
    }

    /** Starts consuming, and the HTTP endpoint when {@code vision.http.port} is not -1. */
    public void start() throws IOException {
        if (httpPort >= 0 && metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
            ops = new OpsServer(httpBindAddress, httpPort, prometheus, this::isReady);
        } else if (httpPort >= 0) {
            log.warn("vision.http.port is {} but the metrics are not Prometheus meters: no HTTP endpoint", httpPort);
        }
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
    }

    /** Ready: Kafka Streams is RUNNING and every model's batcher has a live worker (models load before an instance exists). */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING && batchers.stream().allMatch(DynamicBatcher::isServing);
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

    @Override
    public void close() {
        if (ops != null) {
            ops.close();
        }
        // leave the group: a successor (a restarted instance, the next replay step) gets the partitions at once
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        streamsMetrics.close();
        batchers.forEach(DynamicBatcher::close);
    }
}
