package io.visionstreams.bench;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole pipeline through a real (embedded) broker: {@code events} image events are waiting in
 * the input topic; throughput is measured from the first result to the last. Then latency: events
 * sent one by one at half that rate, each timed from send to result.
 */
public final class PipelineBench {

    /** Throughput and latency of one run. */
    public record Result(double imagesPerSecond, double p50LatencyMs, double p99LatencyMs, double meanBatchSize) {}

    private PipelineBench() {}

    public static Result run(EmbeddedKafka kafka, LoadedModels models, VisionTask task, int events, List<byte[]> images,
                             int latencyEvents, Path stateDir) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("vision.tasks", task.configName());
        settings.put("vision.topics.image-events", "bench.pipeline.images");
        settings.put(task.topicKey(), "bench.pipeline." + task.configName());
        settings.put("vision.topics.dead-letters", "bench.pipeline.dead-letters");
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", "vision-bench-pipeline");
        settings.put("state.dir", stateDir.toString());
        VisionConfig config = VisionConfig.from(settings);
        kafka.createTopics(List.of(config.topics().imageEvents()), 4);
        kafka.createTopics(List.of(config.topics().resultsFor(task), config.topics().deadLetters()), 1);
        send(kafka, config, events, images, "backlog");
        VisionMetrics metrics = VisionMetrics.inMemory();
        try (VisionApp app = new VisionApp(config, models, Wiring.frameLoader(config), metrics, new Properties());
             ResultReader reader = new ResultReader(kafka.bootstrapServers(), config.topics(), List.of(task))) {
            app.start();
            double throughput = awaitThroughput(reader, events);
            double[] latencies = latencies(kafka, config, reader, images, latencyEvents, throughput / 2);
            var batchSizes = metrics.registry().find("vision.batch.size").summary();
            double meanBatch = batchSizes == null ? 0 : batchSizes.mean();
            return new Result(throughput, percentile(latencies, 50), percentile(latencies, 99), meanBatch);
        }
    }

    /** Images per second between the first and the last of {@code events} outcomes. */
    static double awaitThroughput(ResultReader reader, int events) throws Exception {
        long first = 0;
        long last = 0;
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (seen < events && System.nanoTime() < deadline) {
            List<Outcome> batch = reader.poll(Duration.ofMillis(100));
            if (!batch.isEmpty()) {
                long now = System.nanoTime();
                first = seen == 0 ? now : first;
                last = now;
                seen += batch.size();
            }
        }
        if (seen < events) {
            throw new IllegalStateException("only " + seen + " of " + events + " results arrived");
        }
        return (events - 1) / ((last - first) / 1e9);
    }

    private static double[] latencies(EmbeddedKafka kafka, VisionConfig config, ResultReader reader, List<byte[]> images,
                                      int count, double ratePerSecond) throws Exception {
        double[] latencies = new double[count];
        Map<String, Long> sentAt = new HashMap<>();
        long interval = (long) (1e9 / Math.max(ratePerSecond, 1));
        int received = 0;
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
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

    static void send(EmbeddedKafka kafka, VisionConfig config, int events, List<byte[]> images, String prefix)
            throws Exception {
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
            for (int i = 0; i < events; i++) {
                producer.send(event(prefix + "-" + i, images.get(i % images.size())));
            }
            producer.flush();
        }
    }

    static ImageEvent event(String id, byte[] image) {
        return ImageEvent.newBuilder().setEventId(id).setSourceId("bench-camera-" + (id.hashCode() & 7))
                .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build();
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
