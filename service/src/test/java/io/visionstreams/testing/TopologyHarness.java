package io.visionstreams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.internal.PendingFrame;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.PendingFrames;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.results.Serdes;
import io.visionstreams.topology.Names;
import io.visionstreams.topology.VisionTopology;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole {@link VisionTopology} in a {@link TopologyTestDriver}, on the real models. It builds the
 * topology from a settings map ({@link VisionConfig#from}) and {@link Wiring#frameLoader} as the
 * application does, with one {@link DynamicBatcher} (one worker) per enabled task over that task's
 * {@link SharedModels} model, or over a model the test puts in its place (such as a
 * {@link FaultInjectingModel}), all reporting to one in-memory {@link VisionMetrics}; pending records are
 * read back from Kafka or, for restore tests, by the test's own {@link SourceRecordReader}. Every event it
 * pipes is stamped with one capture time, as record timestamp and {@code capturedAt}. It collects what
 * reaches the dead-letter topic, the results topics of the enabled tasks and the Tags topic. Wall-clock time moves only
 * in {@link #advance}, {@link #awaitUntil} and {@link #await}, 10 ms a step (each step may fire the
 * forwarding punctuator). Closing it closes the driver, then the batchers.
 *
 * <p><b>No transactions.</b> {@link TopologyTestDriver} commits nothing atomically: there is no
 * transactional producer, no abort, no fencing, and a record forwarded before an exception stays
 * forwarded. Nothing built on this harness is evidence for exactly-once; claims about exactly-once
 * (outputs, pending entries and input offsets committed together, zombies fenced) are tested on the
 * embedded broker ({@code io.visionstreams.embedded.EmbeddedKafka}) through {@code VisionApp}.
 */
public final class TopologyHarness implements AutoCloseable {

    private static final Duration STEP = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final VisionConfig config;
    private final Instant capturedAt;
    private final VisionMetrics metrics = VisionMetrics.inMemory();
    private final Map<VisionTask, DynamicBatcher<?>> batchers = new EnumMap<>(VisionTask.class);
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
    private final Map<String, List<TestRecord<byte[], byte[]>>> received = new HashMap<>();
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private boolean driverClosed;
    private String description;

    /** Every enabled task on its {@link SharedModels} model. */
    public TopologyHarness(Path stateDir, Instant capturedAt, Map<String, String> settings) throws Exception {
        this(stateDir, capturedAt, settings, Map.of());
    }

    /** As above, but the tasks in {@code models} run on the given model instead. */
    public TopologyHarness(Path stateDir, Instant capturedAt, Map<String, String> settings,
            Map<VisionTask, VisionModel<?>> models) throws Exception {
        this(stateDir, capturedAt, settings, models, null);
    }

    /** As above, with pending records read back by {@code readers} (null: from Kafka, as the application does). */
    public TopologyHarness(Path stateDir, Instant capturedAt, Map<String, String> settings,
            Map<VisionTask, VisionModel<?>> models, SourceRecordReader.Factory readers) throws Exception {
        this.config = VisionConfig.from(settings);
        this.capturedAt = capturedAt;
        try {
            Map<VisionTask, TaskPipeline<?>> pipelines = new EnumMap<>(VisionTask.class);
            for (VisionTask task : config.tasks()) {
                VisionModel<?> model = models.containsKey(task) ? models.get(task) : SharedModels.get(task);
                pipelines.put(task, pipeline(task, model));
            }
            VisionTopology.Pipelines lookup = new VisionTopology.Pipelines() {
                @Override
                @SuppressWarnings("unchecked")
                public <R> TaskPipeline<R> forTask(VisionTask task) {
                    return (TaskPipeline<R>) pipelines.get(task);
                }
            };
            var topology = readers == null ? VisionTopology.build(config, lookup, Wiring.frameLoader(config), metrics)
                    : VisionTopology.build(config, lookup, Wiring.frameLoader(config), metrics, readers);
            Properties props = config.streamsProperties();
            props.put("state.dir", stateDir.toString());
            description = topology.describe().toString();
            driver = new TopologyTestDriver(topology, props);
        } catch (Throwable t) {
            batchers.values().forEach(DynamicBatcher::close);
            throw t;
        }
        var bytes = new ByteArraySerializer();
        input = driver.createInputTopic(config.topics().imageEvents(), bytes, bytes);
        List<String> topics = new ArrayList<>(List.of(config.topics().deadLetters()));
        config.tasks().forEach(task -> topics.add(config.topics().resultsFor(task)));
        topics.add(config.topics().tags());
        for (String topic : topics) {
            outputs.put(topic, driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            received.put(topic, new ArrayList<>());
        }
    }

    private <R> TaskPipeline<R> pipeline(VisionTask task, VisionModel<R> model) {
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, config.batching().maxSize(),
                config.batching().maxQueueDelay(), 1, metrics);
        batchers.put(task, batcher);
        return new TaskPipeline<>(task, batcher, TaskSpecs.<R>of(task).encoder());
    }

    /** Kafka Streams' description of the topology under test. */
    public String topologyDescription() {
        return description;
    }

    public VisionConfig config() {
        return config;
    }

    public VisionMetrics metrics() {
        return metrics;
    }

    /** The batcher of an enabled task (a test may close it to play a shutdown). */
    public DynamicBatcher<?> batcher(VisionTask task) {
        return batchers.get(task);
    }

    /** An encoded {@link ImageEvent} captured at the harness's capture time. */
    public byte[] event(String eventId, String source, byte[] image) {
        return Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId(eventId).setSourceId(source)
                .setCapturedAt(capturedAt).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build());
    }

    /** Pipes {@link #event} keyed by {@code source}. */
    public void send(String eventId, String source, byte[] image) {
        pipe(source, event(eventId, source, image));
    }

    /** Pipes any value (an event or not) onto the image events topic, timestamped with the capture time. */
    public void pipe(String key, byte[] value) {
        pipe(key, value, new RecordHeaders());
    }

    public void pipe(String key, byte[] value, Headers headers) {
        input.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, headers, capturedAt));
    }

    /** Everything forwarded to {@code topic} (dead letters or an enabled task's results) so far, in order. */
    public List<TestRecord<byte[], byte[]>> received(String topic) {
        if (!received.containsKey(topic)) {
            throw new IllegalArgumentException("not an output topic of this topology: " + topic);
        }
        outputs.forEach((t, out) -> received.get(t).addAll(out.readRecordsToList()));
        return received.get(topic);
    }

    /** The values forwarded to {@code topic} so far, decoded. */
    public <T extends SpecificRecord> List<T> received(String topic, AvroSerde<T> serde) throws IOException {
        List<T> values = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : received(topic)) {
            values.add(serde.decode(r.value()));
        }
        return values;
    }

    /** Advances wall-clock time in steps of 10 ms, pausing 5 ms after each for the batcher threads. */
    public void advance(Duration wallClock) throws InterruptedException {
        for (long ms = 0; ms < wallClock.toMillis(); ms += STEP.toMillis()) {
            driver.advanceWallClockTime(STEP);
            Thread.sleep(5);
        }
    }

    /** Advances wall-clock time until {@code done}, for at most 60 s of real time. */
    public void awaitUntil(BooleanSupplier done) throws InterruptedException {
        advanceUntil(done);
        assertThat(done.getAsBoolean()).as("expected results within 60 s").isTrue();
    }

    /** Advances wall-clock time until {@code topic} has {@code n} records, and asserts it has exactly {@code n}. */
    public List<TestRecord<byte[], byte[]>> await(String topic, int n) throws InterruptedException {
        advanceUntil(() -> received(topic).size() >= n);
        assertThat(received(topic)).as("records on " + topic).hasSize(n);
        return List.copyOf(received(topic));
    }

    private void advanceUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            advance(STEP);
        }
    }

    /** The input offsets in the pending store that {@code task} has not answered yet. */
    public Set<Long> pendingOffsets(VisionTask task) {
        Set<Long> offsets = new TreeSet<>();
        try (KeyValueIterator<Long, byte[]> it = pendingStore().all()) {
            it.forEachRemaining(kv -> {
                if (PendingFrames.decode(kv.value).getAnswered().stream()
                        .noneMatch(a -> a.getTask().equals(task.configName()))) {
                    offsets.add(kv.key);
                }
            });
        }
        return offsets;
    }

    /** Every input offset in the pending store (answered by some tasks or none). */
    public Set<Long> pendingOffsets() {
        Set<Long> offsets = new TreeSet<>();
        try (KeyValueIterator<Long, byte[]> it = pendingStore().all()) {
            it.forEachRemaining(kv -> offsets.add(kv.key));
        }
        return offsets;
    }

    public PendingFrame pendingEntry(VisionTask task, long offset) throws IOException {
        return io.visionstreams.batching.PendingFrames.SERDE.decode(pendingStore().get(offset));
    }

    private KeyValueStore<Long, byte[]> pendingStore() {
        return driver.getKeyValueStore(Names.PENDING_STORE);
    }

    /** Closes the driver, and with it the stream tasks, now; the batchers stay open until {@link #close}. */
    public void closeDriver() {
        if (!driverClosed) {
            driverClosed = true;
            driver.close();
        }
    }

    @Override
    public void close() {
        closeDriver();
        batchers.values().forEach(DynamicBatcher::close);
    }
}
