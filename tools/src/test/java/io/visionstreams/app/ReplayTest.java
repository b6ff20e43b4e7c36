package io.visionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Timing;
import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.client.ClientProperties;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.ImageFiles;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live instance and a replay side by side on one embedded broker: the live instance classifies
 * six sample images on two partitions; then {@code replay} re-runs a slice of the input under its
 * own application.id while the live instance keeps running, and {@code consume} reads the
 * replay's outputs back into results.jsonl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {

    private static final List<String> IMAGES = List.of("cat.bmp", "bird.bmp", "parrot.jpg", "owl.jpg",
            "hot_dog.jpg", "dragonfly.bmp");
    private static final Set<VisionTask> TASKS = EnumSet.of(VisionTask.CLASSIFICATION);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private EmbeddedKafka kafka;
    private VisionApp live;
    private VisionConfig config;
    private Path configFile;
    private final List<Outcome> liveOutcomes = new ArrayList<>();
    private Map<TopicPartition, OffsetAndMetadata> liveOffsetsBefore;
    private Map<String, Long> liveEndsBefore;
    private int replayExit;
    private String replayConsole;

    @BeforeAll
    void liveInstanceThenReplayOfASlice() throws Exception {
        // given: a live instance that has classified every event
        kafka = EmbeddedKafka.start();
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("application.id", "live");
        settings.put("vision.tasks", "classification");
        settings.put("vision.batch.workers", "1");
        settings.put("state.dir", Files.createDirectories(tmp.resolve("live-state")).toString());
        config = VisionConfig.from(settings);
        kafka.createTopics(List.of(config.topics().imageEvents()), 2);
        kafka.createTopics(List.of(config.topics().resultsFor(VisionTask.CLASSIFICATION), config.topics().deadLetters(),
                config.topics().tags()), 2);
        Properties file = new Properties();
        file.putAll(Map.of("application.id", "live", "vision.tasks", "classification", "vision.batch.workers", "1"));
        configFile = tmp.resolve("live.properties");
        try (var w = Files.newBufferedWriter(configFile)) {
            file.store(w, null);
        }
        live = new VisionApp(config, SharedModels.forTasks(TASKS), Wiring.frameLoader(config), VisionMetrics.prometheus(),
                new Properties());
        live.start();
        Instant captured = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
            for (int i = 0; i < IMAGES.size(); i++) {
                ImageEvent event = ImageFiles.event(SampleImages.image(IMAGES.get(i)), "camera-" + (i % 2), captured);
                ImageEventProducer.await(producer.send(event));
            }
        }
        try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config.topics(), TASKS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (liveOutcomes.size() < IMAGES.size() && System.nanoTime() < deadline) {
                liveOutcomes.addAll(reader.poll(Duration.ofMillis(200)));
            }
        }
        liveOffsetsBefore = liveCommittedOffsets();
        liveEndsBefore = endOffsets(List.of(config.topics().resultsFor(VisionTask.CLASSIFICATION),
                config.topics().deadLetters()));
        // when: a replay of offsets [1, end) of every partition runs beside it
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        replayExit = VisionStreamsCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(
                "replay", "--bootstrap-server", kafka.bootstrapServers(), "--config", configFile.toString(),
                "--name", "again", "--from", "0:1,1:1", "--cleanup", "--timeout", "180", "--json");
        replayConsole = out + "\n" + err;
    }

    @AfterAll
    void stop() {
        if (live != null) {
            live.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void replayStopsByItselfAndSummarizesItsSlice() throws Exception {
        assertThat(liveOutcomes).hasSize(IMAGES.size());
        assertThat(replayExit).as(replayConsole).isZero();
        String[] lines = replayConsole.strip().split("\n");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        assertThat(summary.get("finished").asBoolean()).isTrue();
        assertThat(summary.get("input_records").asLong()).isEqualTo(IMAGES.size() - 2);
        assertThat(summary.get("outputs").get("classification").asInt()).isEqualTo(IMAGES.size() - 2);
        assertThat(summary.get("outputs").get("tags").asInt()).isEqualTo(IMAGES.size() - 2);
    }

    @Test
    void liveInstanceOffsetsAndOutputsAreUntouched() throws Exception {
        assertThat(liveCommittedOffsets()).isEqualTo(liveOffsetsBefore);
        assertThat(endOffsets(List.of(config.topics().resultsFor(VisionTask.CLASSIFICATION),
                config.topics().deadLetters()))).isEqualTo(liveEndsBefore);
    }

    @Test
    void replayedResultsEqualTheLiveOnesApartFromTiming() throws Exception {
        Map<String, Classification> liveByEvent = liveOutcomes.stream()
                .collect(Collectors.toMap(Outcome::eventId, o -> withoutTiming((Classification) o.record())));
        List<Outcome> replayed = readReplay();
        assertThat(replayed).hasSize(IMAGES.size() - 2);
        long replayStart = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli();
        for (Outcome o : replayed) {
            assertThat(withoutTiming((Classification) o.record())).isEqualTo(liveByEvent.get(o.eventId()));
            assertThat(o.timestamp()).as("processing-time record timestamps").isGreaterThan(replayStart);
        }
        Set<String> firstOfEachPartition = liveOutcomes.stream().filter(o -> o.offset() == 0)
                .map(Outcome::eventId).collect(Collectors.toSet());
        assertThat(replayed).extracting(Outcome::eventId).doesNotContainAnyElementsOf(firstOfEachPartition);
    }

    @Test
    void replayCleanedUpItsInternalTopicsAndGroup() throws Exception {
        try (Admin admin = Admin.create(ClientProperties.of(kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith("live-replay-again-"));
            assertThat(admin.listConsumerGroups().all().get()).noneMatch(g -> g.groupId().equals("live-replay-again"));
        }
    }

    @Test
    void consumeReadsTheReplayOutputsIntoResultsJsonl() throws Exception {
        Path out = tmp.resolve("consumed");
        int exit = VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .execute("consume", "--bootstrap-server", kafka.bootstrapServers(), "--config", configFile.toString(),
                        "--topics-suffix", ".replay-again", "--out", out.toString());
        assertThat(exit).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        Map<String, Long> byTask = lines.stream().collect(Collectors.groupingBy(j -> j.get("task").asText(),
                Collectors.counting()));
        assertThat(byTask).isEqualTo(Map.of("classification", (long) IMAGES.size() - 2, "tags", (long) IMAGES.size() - 2));
        assertThat(lines).filteredOn(j -> j.get("task").asText().equals("classification"))
                .allMatch(j -> j.get("top_k").size() == 5);
    }

    private List<Outcome> readReplay() throws Exception {
        try (ResultReader reader = new ResultReader(ClientProperties.of(kafka.bootstrapServers()),
                ResultReader.topicsOf(config.topics(), TASKS, ".replay-again"), null, null, true)) {
            return reader.readToEnd(Duration.ofSeconds(30));
        }
    }

    private static Classification withoutTiming(Classification c) {
        Classification copy = Classification.newBuilder(c).build();
        copy.setTiming(new Timing(0.0, 0.0, 0));
        return copy;
    }

    private Map<TopicPartition, OffsetAndMetadata> liveCommittedOffsets() throws Exception {
        try (Admin admin = Admin.create(ClientProperties.of(kafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets("live").partitionsToOffsetAndMetadata().get();
        }
    }

    private Map<String, Long> endOffsets(List<String> topics) throws Exception {
        try (Admin admin = Admin.create(ClientProperties.of(kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            for (String t : topics) {
                for (int p = 0; p < 2; p++) {
                    query.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<String, Long> out = new HashMap<>();
            admin.listOffsets(query).all().get().forEach((tp, info) -> out.put(tp.toString(), info.offset()));
            return out;
        }
    }
}
