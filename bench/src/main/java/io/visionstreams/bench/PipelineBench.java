package io.visionstreams.bench;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.ClientProperties;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.registry.RegistrySettings;
import io.visionstreams.results.WireFormat;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The whole pipeline through a real (embedded) broker: {@code events} image events are waiting in
 * the input topic; throughput is measured from the first result to the last. Then latency: events
 * sent one by one at half that rate, each timed from send to result.
 */
public final class PipelineBench {

    /** Throughput and latency of one run. */
    public record Result(double imagesPerSecond, double p50LatencyMs, double p99LatencyMs, double meanBatchSize,
                         Map<String, Double> coreMsPerFrame, double warmupSeconds) {}

    /** Images per second after the warm-up, the core-ms per frame each group of threads spent meanwhile, warm-up time. */
    record Throughput(double imagesPerSecond, Map<String, Double> coreMsPerFrame, double warmupSeconds) {}

    /** Partitions of the benchmarks' input topics. */
    static final int INPUT_PARTITIONS = 4;

    private PipelineBench() {}

    /**
     * Throughput of the saturated pipeline once warm (see {@link #warmThenMeasure}), then latency at half that rate.
     */
    public static Result run(EmbeddedKafka kafka, LoadedModels models, VisionTask task, Warmup warmup, int events,
                             List<byte[]> images, int latencyEvents, Path stateDir) throws Exception {
        VisionConfig config = config(kafka, task, stateDir);
        VisionMetrics metrics = VisionMetrics.inMemory();
        try (VisionApp app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties());
             ResultReader reader = reader(kafka, config, task)) {
            app.start();
            Throughput throughput = warmThenMeasure(kafka, config, reader, images, warmup, events, "backlog");
            double[] latencies = latencies(kafka, config, reader, images, latencyEvents,
                    throughput.imagesPerSecond() / 2);
            var batchSizes = metrics.registry().find("vision.batch.size").summary();
            double meanBatch = batchSizes == null ? 0 : batchSizes.mean();
            return new Result(throughput.imagesPerSecond(), percentile(latencies, 50), percentile(latencies, 99), meanBatch,
                    throughput.coreMsPerFrame(), throughput.warmupSeconds());
        }
    }

    /**
     * When a measurement starts: after at least {@code events} results and once this JVM's JIT has settled (its
     * compilers used under {@code jitShare} of one core over the last {@code window}), or after {@code max}. The JIT
     * compiles the broker's, Kafka Streams' and the clients' code for about 100 s on 2 cores; until then it takes
     * a sixth of the CPU, which a pipeline running for days never pays, and JMH warms the raw figure too.
     */
    public record Warmup(int events, Duration max, Duration window, double jitShare) {

        /** At least {@code events} results and the JIT under 5% of a core over 10 s, at most 240 s. */
        public static Warmup untilJitSettles(int events) {
            return new Warmup(events, Duration.ofSeconds(240), Duration.ofSeconds(10), 0.05);
        }
    }

    /**
     * Memory of this JVM at one moment: heap in use after a GC, heap committed (resident once touched, and
     * sized by the collector, not by leaks), and resident set size (Linux); RSS less the committed heap is
     * roughly the native part (MXNet, RocksDB, libjpeg, thread stacks, code).
     */
    public record Memory(double heapMb, double heapCommittedMb, double rssMb) {

        static Memory now() {
            System.gc();
            // one snapshot: totalMemory() and freeMemory() read apart can disagree while G1 resizes the heap
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return new Memory(heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, residentMb());
        }

        /** Resident memory outside the committed Java heap. */
        public double nonHeapRssMb() {
            return rssMb - heapCommittedMb;
        }

        private static double residentMb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: unknown
            }
            return Double.NaN;
        }
    }

    /** A soak run: throughput over the whole run and memory at its start, after one minute and at its end. */
    public record Soak(double seconds, long results, double imagesPerSecond, Memory start, Memory afterOneMinute,
                       Memory end, List<Memory> everyMinute) {}

    /**
     * Keeps the pipeline saturated for {@code duration} (a backlog of about {@code backlog} events is
     * topped up as results arrive), sampling this JVM's memory once results flow, after one minute and at the end.
     */
    public static Soak soak(EmbeddedKafka kafka, LoadedModels models, VisionTask task, Duration duration, int backlog,
                            List<byte[]> images, Path stateDir) throws Exception {
        VisionConfig config = config(kafka, task, stateDir);
        VisionMetrics metrics = VisionMetrics.inMemory();
        long sent = 0;
        long received = 0;
        Memory start = null;
        List<Memory> everyMinute = new ArrayList<>();
        try (VisionApp app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties());
             ResultReader reader = reader(kafka, config, task);
             ImageEventProducer producer = new ImageEventProducer(client(kafka), config.topics().imageEvents())) {
            app.start();
            long begin = 0;
            long endAt = Long.MAX_VALUE;
            while (System.nanoTime() < endAt) {
                sent = topUp(producer, sent, received, backlog, images, "soak");
                received += reader.poll(Duration.ofMillis(200)).size();
                if (start == null && received > 0) {
                    start = Memory.now();
                    begin = System.nanoTime();
                    endAt = begin + duration.toNanos();
                }
                if (start != null && System.nanoTime() - begin >= Duration.ofMinutes(everyMinute.size() + 1).toNanos()) {
                    everyMinute.add(Memory.now());
                }
            }
            Memory end = Memory.now();
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new Soak(seconds, received, received / seconds, start, everyMinute.isEmpty() ? end : everyMinute.get(0),
                    end, everyMinute);
        }
    }

    /**
     * The environment's wire format and schema registry settings ({@code VISION_SERDE_FORMAT=registry},
     * {@code VISION_KAFKA_SCHEMA_REGISTRY_URL=...}, docs/schema-registry.md): the pipeline writes, and the bench
     * produces and reads, in that format; none set: single-object.
     */
    static Map<String, String> wireSettings() {
        Map<String, String> wire = new HashMap<>();
        ConfigLoader.fromEnvironment(System.getenv()).forEach((key, value) -> {
            if (key.equals(WireFormat.CONFIG) || RegistrySettings.isRegistryKey(key)) {
                wire.put(key, value);
            }
        });
        return wire;
    }

    private static Properties client(EmbeddedKafka kafka) {
        Properties client = ClientProperties.of(kafka.bootstrapServers());
        client.putAll(wireSettings());
        return client;
    }

    private static ResultReader reader(EmbeddedKafka kafka, VisionConfig config, VisionTask task) {
        return new ResultReader(client(kafka), ResultReader.topicsOf(config.topics(), List.of(task), ""), null, null, false);
    }

    /** A fresh set of topics and application.id per run, so runs in one broker never see each other's records. */
    private static VisionConfig config(EmbeddedKafka kafka, VisionTask task, Path stateDir) {
        String run = "bench.pipeline." + Long.toHexString(System.nanoTime());
        Map<String, String> settings = new HashMap<>();
        settings.put("vision.tasks", task.configName());
        settings.put("vision.topics.image-events", run + ".images");
        settings.put(task.topicKey(), run + "." + task.configName());
        settings.put("vision.topics.dead-letters", run + ".dead-letters");
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", run.replace('.', '-'));
        settings.put("state.dir", stateDir.toString());
        settings.putAll(wireSettings());
        VisionConfig config = VisionConfig.from(settings);
        kafka.createTopics(List.of(config.topics().imageEvents()), INPUT_PARTITIONS);
        kafka.createTopics(List.of(config.topics().resultsFor(task), config.topics().deadLetters(), config.topics().tags()), 1);
        return config;
    }

    /**
     * Feeds the input topic so that {@code events} + 200 events are always waiting, until {@code warmup} says the
     * JVM is warm; then stops feeding and measures the images per second of the next {@code events} results (the
     * backlog keeps the pipeline saturated, and no producer runs meanwhile); then waits for the rest.
     */
    static Throughput warmThenMeasure(EmbeddedKafka kafka, VisionConfig config, ResultReader reader, List<byte[]> images,
                                      Warmup warmup, int events, String prefix) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofMinutes(30).toNanos();
        long sent = 0;
        long seen = 0;
        ArrayDeque<long[]> jitSamples = new ArrayDeque<>(); // {wall nanos, total compilation ms}
        try (ImageEventProducer producer = new ImageEventProducer(client(kafka), config.topics().imageEvents())) {
            while (true) {
                sent = topUp(producer, sent, seen, events + 200, images, prefix);
                seen += reader.poll(Duration.ofMillis(200)).size();
                long now = System.nanoTime();
                jitSamples.addLast(new long[] {now, jit.getTotalCompilationTime()});
                while (now - jitSamples.peekFirst()[0] > warmup.window().toNanos()) {
                    jitSamples.removeFirst();
                }
                long[] oldest = jitSamples.peekFirst();
                boolean fullWindow = now - begin >= warmup.window().toNanos();
                double share = (jitSamples.peekLast()[1] - oldest[1]) / Math.max(1.0, (now - oldest[0]) / 1e6);
                if (seen >= warmup.events() && fullWindow && share < warmup.jitShare()
                        || now - begin >= warmup.max().toNanos()) {
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + sent + " results arrived");
                }
            }
        }
        double warmupSeconds = (System.nanoTime() - begin) / 1e9;
        long first = System.nanoTime();
        ThreadCpu cpuAtFirst = ThreadCpu.now();
        long seenAtFirst = seen;
        long last = first;
        while (seen - seenAtFirst < events && System.nanoTime() < deadline) {
            int n = reader.poll(Duration.ofMillis(100)).size();
            if (n > 0) {
                seen += n;
                last = System.nanoTime();
            }
        }
        ThreadCpu cpuAtLast = ThreadCpu.now();
        int measured = (int) (seen - seenAtFirst);
        while (seen < sent && System.nanoTime() < deadline) { // the rest of the backlog, before anything else runs
            seen += reader.poll(Duration.ofMillis(100)).size();
        }
        if (seen < sent) {
            throw new IllegalStateException("only " + seen + " of " + sent + " results arrived");
        }
        return new Throughput(measured / ((last - first) / 1e9), cpuAtLast.perFrameSince(cpuAtFirst, Math.max(1, measured)),
                warmupSeconds);
    }

    /** Sends events until {@code backlog} wait unanswered ({@code sent} less {@code answered}); returns the new count sent. */
    private static long topUp(ImageEventProducer producer, long sent, long answered, int backlog, List<byte[]> images,
                              String prefix) {
        for (; sent - answered < backlog; sent++) {
            producer.send(event(prefix + "-" + sent, images.get((int) (sent % images.size()))));
        }
        producer.flush();
        return sent;
    }

    private static double[] latencies(EmbeddedKafka kafka, VisionConfig config, ResultReader reader, List<byte[]> images,
                                      int count, double ratePerSecond) throws Exception {
        double[] latencies = new double[count];
        Map<String, Long> sentAt = new HashMap<>();
        long interval = (long) (1e9 / Math.max(ratePerSecond, 1));
        int received = 0;
        try (ImageEventProducer producer = new ImageEventProducer(client(kafka), config.topics().imageEvents())) {
            long next = System.nanoTime();
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (received < count && System.nanoTime() < deadline) {
                if (sent < count && System.nanoTime() >= next) {
                    String id = "latency-" + sent;
                    sentAt.put(id, System.nanoTime());
                    producer.send(event(id, images.get(sent % images.size())));
                    producer.flush();
                    sent++;
                    next += interval;
                }
                for (Outcome o : reader.poll(Duration.ofMillis(1))) {
                    Long start = sentAt.get(o.eventId());
                    if (start != null) {
                        latencies[received++] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        return Arrays.copyOf(latencies, received);
    }

    /** Two camera source ids per input partition (keys decide partitions): every consumer gets an equal share. */
    private static final List<String> SOURCES = balancedSources(INPUT_PARTITIONS, 2);

    static ImageEvent event(String id, byte[] image) {
        String source = SOURCES.get(Math.floorMod(id.hashCode(), SOURCES.size()));
        return ImageEvent.newBuilder().setEventId(id).setSourceId(source)
                .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build();
    }

    /** {@code perPartition} ids {@code bench-camera-N} for each of {@code partitions}, by the producer's key hash. */
    static List<String> balancedSources(int partitions, int perPartition) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        List<String> sources = new ArrayList<>();
        for (int n = 0; sources.size() < partitions * perPartition; n++) {
            String id = "bench-camera-" + n;
            int partition = BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions);
            if (byPartition.computeIfAbsent(partition, k -> new ArrayList<>()).size() < perPartition) {
                byPartition.get(partition).add(id);
                sources.add(id);
            }
        }
        return sources;
    }

    static List<byte[]> read(List<Path> files) throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (Path f : files) {
            images.add(Files.readAllBytes(f));
        }
        return images;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest-rank percentile
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
    }
}
