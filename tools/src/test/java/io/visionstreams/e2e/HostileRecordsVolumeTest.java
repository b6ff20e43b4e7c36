package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Stage;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SharedModels;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile input at volume, on the embedded broker with classification on: 1,000 events whose
 * images are fuzzed (bit flips, extreme header bytes, cuts, random runs of the fuzz seeds) and
 * 1,000 values that are no readable ImageEvent (wrong fingerprint, truncated body, huge declared
 * lengths, null values). Every record ends as exactly one result or one dead letter, no stream
 * thread dies, and the heap after (collected) is where it was before.
 */
class HostileRecordsVolumeTest {

    private static final Logger log = LoggerFactory.getLogger(HostileRecordsVolumeTest.class);
    private static final int IMAGES = 1_000;
    private static final int VALUES = 1_000;
    private static final long MAX_HEAP_GROWTH = 128L * 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @Test
    void everyHostileRecordIsAResultOrADeadLetterWithoutCrashOrGrowth() throws Exception {
        // given the application on a fresh broker, warmed up by one good image
        Path state = Files.createTempDirectory("vision-hostile-");
        Random random = new Random(11);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(settings(kafka, state));
            kafka.createTopics(config.topics().all(), 1);
            Configurator.setLevel("io.visionstreams.topology.DecodeProcessor", Level.WARN); // not 2,000 INFO lines of dead letters
            try (VisionApp app = new VisionApp(config, SharedModels.forTasks(Set.of(VisionTask.CLASSIFICATION)),
                    Wiring.frameLoader(config), VisionMetrics.inMemory(), new Properties());
                 ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents());
                 ResultReader reader = new ResultReader(kafka.bootstrapServers(), config.topics(), Set.of(VisionTask.CLASSIFICATION))) {
                app.start();
                List<byte[]> seeds = seeds();
                ImageEventProducer.await(producer.send(event("warm-up", seeds.get(0))));
                List<Outcome> outcomes = new ArrayList<>(collect(reader, 1));
                Set<String> threadsBefore = threadNames(app.streams());
                long heapBefore = usedHeapAfterGc();

                // when 2,000 hostile records are produced
                Map<Long, String> sent = new HashMap<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                List<String> kinds = new ArrayList<>();
                for (int i = 0; i < IMAGES; i++) {
                    byte[] seed = seeds.get(random.nextInt(seeds.size()));
                    sends.add(producer.send(event("fuzzed-" + i, mutate(seed, random))));
                    kinds.add("fuzzed-" + i);
                }
                ImageEvent template = event("template", seeds.get(0));
                byte[] valid = Serdes.IMAGE_EVENT.encode(template);
                for (int i = 0; i < VALUES; i++) {
                    byte[] key = ("hostile-" + i).getBytes(StandardCharsets.UTF_8);
                    sends.add(producer.sendRaw(key, hostileValue(i % 4, valid, random), System.currentTimeMillis()));
                    kinds.add("value-" + (i % 4));
                }
                for (int i = 0; i < sends.size(); i++) {
                    sent.put(ImageEventProducer.await(sends.get(i)).offset(), kinds.get(i));
                }
                outcomes.addAll(collect(reader, IMAGES + VALUES));
                long heapAfter = usedHeapAfterGc();
                Set<String> threadsAfter = threadNames(app.streams());

                // then
                Map<String, Integer> byOutcome = new TreeMap<>();
                Set<Long> offsetsSeen = new HashSet<>();
                Map<String, Long> offsetByEvent = new HashMap<>();
                sent.forEach((offset, kind) -> offsetByEvent.put(kind, offset));
                for (Outcome o : outcomes.subList(1, outcomes.size())) {
                    long offset = o.isDeadLetter() ? ((DeadLetter) o.record()).getOffset() : offsetByEvent.get(o.eventId());
                    assertThat(offsetsSeen.add(offset)).as("one outcome for offset " + offset).isTrue();
                    String what = o.isDeadLetter() ? ((DeadLetter) o.record()).getStage() + "/" + ((DeadLetter) o.record()).getReason()
                            : "result";
                    byOutcome.merge(sent.get(offset).replaceAll("fuzzed-\\d+", "image") + " " + what, 1, Integer::sum);
                }
                log.info("hostile records: {}; heap used after GC {} MB before, {} MB after", byOutcome,
                        heapBefore / 1_000_000, heapAfter / 1_000_000);
                assertThat(offsetsSeen).as("every record accounted for").containsExactlyInAnyOrderElementsOf(sent.keySet());
                assertThat(outcomes.subList(1, outcomes.size())).filteredOn(o -> !o.isDeadLetter())
                        .allMatch(o -> o.eventId().startsWith("fuzzed-"));
                assertThat(outcomes).filteredOn(Outcome::isDeadLetter)
                        .filteredOn(o -> sent.get(((DeadLetter) o.record()).getOffset()).startsWith("value-"))
                        .allMatch(o -> ((DeadLetter) o.record()).getStage() == Stage.DESERIALIZE).hasSize(VALUES);
                assertThat(threadsAfter).as("no stream thread replaced").isEqualTo(threadsBefore);
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(heapAfter - heapBefore).as("heap growth, bytes").isLessThan(MAX_HEAP_GROWTH);
            }
        } finally {
            Configurator.setLevel("io.visionstreams.topology.DecodeProcessor", Level.INFO);
            Utils.delete(state.toFile());
        }
    }

    /** 0: wrong fingerprint, 1: truncated body, 2: a huge declared length, 3: no value at all. */
    private static byte[] hostileValue(int kind, byte[] valid, Random random) {
        switch (kind) {
            case 0 -> {
                byte[] v = valid.clone();
                v[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                return v;
            }
            case 1 -> {
                return Arrays.copyOf(valid, 10 + random.nextInt(valid.length - 11));
            }
            case 2 -> {
                byte[] v = Arrays.copyOf(valid, 10 + 5 + 8);
                byte[] huge = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) (0x80 | random.nextInt(0x80)), 0x07};
                System.arraycopy(huge, 0, v, 10, 5); // event_id's length: hundreds of MiB declared in 23 bytes
                return v;
            }
            default -> {
                return null;
            }
        }
    }

    /** Damage where decoders look first (headers, lengths, the end): few mutants still decode. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int head = Math.min(out.length, 32);
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    out[random.nextInt(head)] = random.nextBoolean() ? (byte) 0xFF : 0;
                }
            }
            case 1 -> out = Arrays.copyOf(out, 1 + random.nextInt(out.length * 9 / 10));
            default -> {
                int start = random.nextInt(head);
                for (int i = start; i < Math.min(out.length, start + 1 + random.nextInt(32)); i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    /** The decoder fuzz test's committed seeds of the decodable formats. */
    private static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of("baseline.jpg", "progressive.jpg", "exif-orientation-6.jpg", "small.png",
                "exif-orientation-3.png", "small.bmp", "small.webp", "two-frames.gif")) {
            try (InputStream in = HostileRecordsVolumeTest.class.getResourceAsStream(
                    "/io/visionstreams/ingest/ImageDecoderFuzzTestInputs/decodesAFrameOrRefusesItWithAReason/" + name)) {
                seeds.add(in.readAllBytes());
            }
        }
        return seeds;
    }

    private static ImageEvent event(String id, byte[] image) {
        return ImageEvent.newBuilder().setEventId(id).setSourceId("hostile").setCapturedAt(Instant.now())
                .setContentType(null).setImage(ByteBuffer.wrap(image)).setImageUri(null).setAttributes(Map.of()).build();
    }

    private static List<Outcome> collect(ResultReader reader, int expected) throws IOException {
        List<Outcome> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (got.size() < expected && System.nanoTime() < deadline) {
            got.addAll(reader.poll(Duration.ofMillis(200)));
        }
        return got;
    }

    private static Set<String> threadNames(KafkaStreams streams) {
        Set<String> names = new HashSet<>();
        for (ThreadMetadata t : streams.metadataForLocalThreads()) {
            names.add(t.threadName());
        }
        return names;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static Map<String, String> settings(EmbeddedKafka kafka, Path state) {
        Map<String, String> s = new HashMap<>();
        String run = "hostile";
        s.put("vision.tasks", "classification");
        s.put("vision.topics.image-events", run + ".image-events");
        s.put("vision.topics.classifications", run + ".classifications");
        s.put("vision.topics.dead-letters", run + ".dead-letters");
        s.put("vision.batch.workers", "1");
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("application.id", "vision-" + run);
        s.put("state.dir", state.toString());
        s.put("processing.guarantee", "at_least_once");
        return s;
    }
}
