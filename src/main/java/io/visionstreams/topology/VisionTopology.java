package io.visionstreams.topology;

import io.visionstreams.batching.BatchingInferenceProcessor;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole stream as a pure function of configuration and loaded models:
 * image events → decode/validate → one batching inference processor per enabled task → result
 * topics; every failure → the dead-letter topic. {@code main} only wires this to KafkaStreams.
 */
public final class VisionTopology {

    private VisionTopology() {}

    /** Where each enabled task's pipeline comes from; asked when a stream task creates its processor. */
    @FunctionalInterface
    public interface Pipelines {
        <R> TaskPipeline<R> forTask(VisionTask task);
    }

    public static Topology build(VisionConfig config, Pipelines pipelines, FrameLoader loader, VisionMetrics metrics) {
        VisionConfig.Topics topics = config.topics();
        Topology topology = new Topology();
        topology.addSource(Names.SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                topics.imageEvents());
        List<TaskSpec<?, ?>> specs = TaskSpecs.of(config.tasks());
        List<String> taskProcessors = specs.stream().map(TaskSpec::processorName).toList();
        topology.addProcessor(Names.DECODE, () -> new DecodeProcessor(loader, taskProcessors, metrics, config.maxRecordBytes(),
                config.output().stopOffsets()), Names.SOURCE);
        List<String> deadLetterParents = new ArrayList<>(List.of(Names.DECODE));
        for (TaskSpec<?, ?> spec : specs) {
            VisionTask task = spec.task();
            String processor = spec.processorName();
            String store = spec.pendingStore();
            topology.addProcessor(processor, () -> new BatchingInferenceProcessor<>(() -> pipelines.forTask(task), store,
                    spec.resultsSink(), Names.DEAD_LETTERS_SINK, loader, config.batching(), config.maxRecordBytes(),
                    config.output(), metrics), Names.DECODE);
            topology.addStateStore(pendingStore(store), processor);
            topology.addSink(spec.resultsSink(), topics.resultsFor(task), Serdes.ByteArray().serializer(),
                    Serdes.ByteArray().serializer(), processor);
            deadLetterParents.add(processor);
        }
        topology.addSink(Names.DEAD_LETTERS_SINK, topics.deadLetters(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer(), deadLetterParents.toArray(String[]::new));
        return topology;
    }

    /** Persistent (RocksDB) so a clean restart need not replay the changelog; changelogged for crashes. */
    private static StoreBuilder<KeyValueStore<Long, byte[]>> pendingStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Long(), Serdes.ByteArray());
    }
}
