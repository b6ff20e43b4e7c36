package io.visionstreams.topology;

import io.micrometer.core.instrument.Gauge;
import io.visionstreams.batching.FrameBudget;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.KafkaSourceRecordReader;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole stream as a pure function of configuration and loaded models: image events → one frame
 * processor (decode on the instance's frame pool, every enabled task's shared batcher, the Tags join)
 * → result topics and the Tags topic; every failure → the dead-letter topic. {@code main} only wires
 * this to KafkaStreams.
 */
public final class VisionTopology {

    private VisionTopology() {}

    /** Where each enabled task's pipeline comes from; asked when a stream task creates its processor. */
    @FunctionalInterface
    public interface Pipelines {
        <R> TaskPipeline<R> forTask(VisionTask task);
    }

    public static Topology build(VisionConfig config, Pipelines pipelines, FrameLoader loader, VisionMetrics metrics) {
        return build(config, pipelines, loader, metrics, KafkaSourceRecordReader.factory());
    }

    /**
     * @param readers how restored pending records are read back from the input topic (tests pass their own)
     * @throws org.apache.kafka.common.config.ConfigException when the waits would not fit the transaction ({@link WaitBounds})
     */
    public static Topology build(VisionConfig config, Pipelines pipelines, FrameLoader loader, VisionMetrics metrics,
                                 SourceRecordReader.Factory readers) {
        return build(config, pipelines, loader, metrics, readers, Serdes.ByteArray().serializer());
    }

    /** @param values writes the processor's single-object values to the sinks (re-framed for a schema registry, or not) */
    public static Topology build(VisionConfig config, Pipelines pipelines, FrameLoader loader, VisionMetrics metrics,
                                 SourceRecordReader.Factory readers, Serializer<byte[]> values) {
        WaitBounds.check(config);
        VisionConfig.Topics topics = config.topics();
        List<TaskSpec<?, ?>> specs = TaskSpecs.of(config.tasks());
        FramePool pool = new FramePool(config.flow().decodeThreads(), config.flow().maxInFlightBytes());
        if (metrics != null) {
            Gauge.builder("vision.frames.held.bytes", pool.budget(), FrameBudget::held).baseUnit("bytes")
                    .description("Decoded frames held by this instance, against vision.batch.max-in-flight-bytes")
                    .register(metrics.registry());
        }
        Topology topology = new Topology();
        topology.addSource(Names.SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.imageEvents());
        CommitWaits waits = new CommitWaits(WaitBounds.perCommit(config)); // one per instance, counted per stream thread
        topology.addProcessor(Names.FRAMES,
                () -> new FrameProcessor(config, pipelines, specs, loader, pool, readers, metrics, waits), Names.SOURCE);
        topology.addStateStore(pendingStore(), Names.FRAMES);
        TrackingConfig tracking = TrackingConfig.of(config);
        if (tracking.active()) {
            TrackingRoute.addTo(topology, config, tracking, new ZoneOccupancy(metrics == null ? null : metrics.registry()),
                    values);
        }
        for (TaskSpec<?, ?> spec : specs) {
            topology.addSink(spec.resultsSink(), topics.resultsFor(spec.task()), Serdes.ByteArray().serializer(),
                    values, spec.task() == VisionTask.DETECTION
                            ? TrackingRoute.detectionsParent(config) : Names.FRAMES);
        }
        if (config.flow().tagsEnabled()) {
            topology.addSink(Names.TAGS_SINK, config.topics().tags(), Serdes.ByteArray().serializer(),
                    values, TrackingRoute.tagsParent(config));
        }
        topology.addSink(Names.DEAD_LETTERS_SINK, topics.deadLetters(), Serdes.ByteArray().serializer(),
                values, Names.FRAMES);
        return topology;
    }

    /** Persistent (RocksDB) so a clean restart need not replay the changelog; changelogged for crashes. */
    private static StoreBuilder<KeyValueStore<Long, byte[]>> pendingStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.PENDING_STORE), Serdes.Long(),
                Serdes.ByteArray());
    }
}
