package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Tags;
import io.visionstreams.client.EventLedger;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.e2e.ScenarioInputs.Input;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end-to-end scenario, against whatever Kafka cluster a subclass names. Given a real
 * {@link VisionApp} (classification, detection and segmentation with the real models, exactly-once,
 * metrics served over HTTP) and a local HTTP server for claim checks, when good images, every
 * kind of bad input and then one more good image are produced ({@link ScenarioInputs}), then each
 * test checks one behaviour of what came out: results, dead letters, metrics, the HTTP endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenario {

    private static final Set<VisionTask> TASKS = EnumSet.allOf(VisionTask.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(1);

    /** One input as sent: where it landed and with which record timestamp. */
    private record Sent(Input input, long offset, long timestamp) {}

    private final List<Sent> sent = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final VisionMetrics metrics = VisionMetrics.prometheus();
    private Path stateDir;
    private ClaimCheckServer claims;
    private VisionConfig config;
    private VisionApp app;
    private EventLedger ledger;
    private String bootstrapServers;
    private boolean readyBeforeStart;

    /** Starts the cluster under test (or returns one already started); its bootstrap servers. */
    protected abstract String startCluster() throws Exception;

    /** Stops the cluster, after the application and every client have closed. */
    protected void stopCluster() {}

    @BeforeAll
    void runScenario() throws Exception {
        // given
        bootstrapServers = startCluster();
        stateDir = Files.createTempDirectory("vision-e2e-state-");
        claims = new ClaimCheckServer(Map.of(ScenarioInputs.CLAIM_CHECKED,
                SampleImages.bytes(ScenarioInputs.CLAIM_CHECKED)));
        config = VisionConfig.from(settings("e2e-" + UUID.randomUUID().toString().substring(0, 8)));
        createTopics();
        app = new VisionApp(config, SharedModels.forTasks(TASKS), Wiring.frameLoader(config), metrics, new Properties());
        readyBeforeStart = app.isReady();
        app.start();
        // when
        Instant captured = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        List<Input> inputs = ScenarioInputs.all(captured, claims);
        try (ImageEventProducer producer = new ImageEventProducer(bootstrapServers, config.topics().imageEvents())) {
            for (Input in : inputs) {
                long timestamp = System.currentTimeMillis(); // the record's time, not captured_at
                RecordMetadata m = ImageEventProducer.await(producer.sendRaw(in.key(), in.value(), timestamp, in.headers()));
                sent.add(new Sent(in, m.offset(), timestamp));
            }
        }
        List<String> ledgerTasks = new ArrayList<>(TASKS.stream().map(VisionTask::configName).toList());
        ledgerTasks.add(Outcome.TAGS); // one Tags record per decoded event; a whole-event dead letter stands for it
        ledger = new EventLedger(inputs.stream().map(Input::eventId).filter(Objects::nonNull).toList(), ledgerTasks);
        collectOutcomes();
    }

    private Map<String, String> settings(String run) {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification,detection,segmentation");
        s.put("vision.topics.image-events", run + ".image-events");
        s.put("vision.topics.classifications", run + ".classifications");
        s.put("vision.topics.detections", run + ".detections");
        s.put("vision.topics.segmentations", run + ".segmentations");
        s.put("vision.topics.dead-letters", run + ".dead-letters");
        s.put("vision.topics.tags", run + ".tags");
        s.put("vision.decode.max-bytes", Long.toString(ScenarioInputs.MAX_BYTES));
        s.put("vision.batch.workers", "1");
        s.put("vision.http.port", "0");
        s.put("vision.fetch.allowed-hosts", "127.0.0.1"); // claim checks are refused unless allowed: the local server is
        s.put("vision.fetch.allowed-networks", "127.0.0.1/32");
        s.put("processing.guarantee", "exactly_once_v2");
        s.put("bootstrap.servers", bootstrapServers);
        s.put("application.id", "vision-" + run);
        s.put("state.dir", stateDir.toString());
        return s;
    }

    /** One partition for the input, so offsets show the sending order; records up to 32 MiB everywhere. */
    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, String> large = Map.of("max.message.bytes", Integer.toString(32 * 1024 * 1024));
            admin.createTopics(config.topics().all().stream()
                    .map(t -> new NewTopic(t, 1, (short) 1).configs(large)).toList()).all().get();
        }
    }

    private void collectOutcomes() throws Exception {
        try (ResultReader reader = new ResultReader(bootstrapServers, config)) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while ((!ledger.complete() || ledger.unattributed() == 0) && System.nanoTime() < deadline) {
                record(reader.poll(Duration.ofMillis(200)));
            }
            long quietEnd = System.nanoTime() + QUIET.toNanos(); // long enough for a duplicate to show
            while (System.nanoTime() < quietEnd) {
                record(reader.poll(Duration.ofMillis(200)));
            }
        }
    }

    private void record(List<Outcome> polled) {
        polled.forEach(ledger::record);
        outcomes.addAll(polled);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            if (claims != null) {
                claims.close();
            }
        } finally {
            stopCluster();
        }
        if (stateDir != null) {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void publishesExactlyOneResultPerTaskForEveryGoodImageKeyedBySourceAndTimedByCapture() {
        assertThat(ledger.missing()).as("unaccounted (event/task)").isEmpty();
        assertThat(ledger.duplicates()).as("repeated outcomes").isZero();
        assertThat(ledger.unattributed()).as("outcomes without a known event: the value that is no event").isOne();
        for (Sent s : good()) {
            for (VisionTask task : TASKS) {
                List<Outcome> results = outcomes(task.configName(), s.input().eventId());
                assertThat(results).as(s.input().eventId() + " " + task.configName()).hasSize(1);
                assertThat(new String(results.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(s.input().sourceId());
                assertThat(results.get(0).timestamp()).isEqualTo(s.input().capturedAt().toEpochMilli())
                        .isNotEqualTo(s.timestamp());
            }
        }
        assertThat(topLabel("cat.bmp")).isEqualTo("Egyptian cat");
        assertThat(topLabel(ScenarioInputs.CLAIM_CHECKED)).as("claim check over HTTP").isEqualTo("hotdog, hot dog, red hot");
        assertThat(topLabel(ScenarioInputs.LAST)).isEqualTo("chickadee");
        Detections people = (Detections) outcomes("detection", "000000000036.jpg").get(0).record();
        assertThat(people.getObjects()).extracting(DetectedObject::getLabel).contains("person");
        Segmentation cat = (Segmentation) outcomes("segmentation", "cat.bmp").get(0).record();
        assertThat(cat.getClasses()).extracting(c -> c.getLabel()).contains("cat");
    }

    @Test
    void publishesExactlyOneTagsRecordPerGoodImageJoiningEveryTasksAnswer() {
        for (Sent s : good()) {
            List<Outcome> tags = outcomes(Outcome.TAGS, s.input().eventId());
            assertThat(tags).as(s.input().eventId() + " tags").hasSize(1);
            assertThat(new String(tags.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(s.input().sourceId());
            assertThat(tags.get(0).timestamp()).isEqualTo(s.input().capturedAt().toEpochMilli());
            Tags t = (Tags) tags.get(0).record();
            List<String> answered = new ArrayList<>(t.getTasks());
            answered.addAll(t.getDeadLettered());
            assertThat(answered).containsExactlyInAnyOrderElementsOf(TASKS.stream().map(VisionTask::configName).toList());
        }
        Tags people = (Tags) outcomes(Outcome.TAGS, "000000000036.jpg").get(0).record();
        assertThat(people.getLabels()).anySatisfy(l -> {
            assertThat(l.getTask()).isEqualTo("detection");
            assertThat(l.getLabel()).isEqualTo("person");
            assertThat(l.getBox()).isNotNull();
        });
        for (Sent s : bad()) {
            if (s.input().eventId() != null) {
                assertThat(outcomes(Outcome.TAGS, s.input().eventId())).as(s.input().eventId()).isEmpty();
            }
        }
    }

    @Test
    void deadLettersEveryBadInputWithItsStageAndReasonAndKeepsStreaming() {
        List<Sent> bad = bad();
        for (Sent s : bad) {
            DeadLetter dl = deadLetterAt(s.offset());
            assertThat(dl.getStage()).as("stage at offset " + s.offset()).isEqualTo(s.input().stage());
            assertThat(dl.getReason()).as("reason of " + s.input().eventId()).isEqualTo(s.input().reason());
            assertThat(dl.getEventId()).isEqualTo(s.input().eventId());
            assertThat(dl.getTask()).as("the whole event failed, not one task").isNull();
            assertThat(dl.getMessage()).isNotBlank();
        }
        assertThat(outcomes.stream().filter(Outcome::isDeadLetter)).hasSize(bad.size());
        Sent last = sent.get(sent.size() - 1);
        assertThat(last.input().eventId()).isEqualTo(ScenarioInputs.LAST);
        assertThat(bad).allMatch(s -> s.offset() < last.offset());
        for (VisionTask task : TASKS) {
            assertThat(outcomes(task.configName(), ScenarioInputs.LAST)).as("after the bad inputs").hasSize(1);
        }
    }

    @Test
    void deadLettersCarryTheOriginalRecordForReplay() {
        for (Sent s : bad()) {
            Outcome outcome = outcomes.stream().filter(o -> o.isDeadLetter()
                    && ((DeadLetter) o.record()).getOffset() == s.offset()).findFirst().orElseThrow();
            DeadLetter dl = (DeadLetter) outcome.record();
            assertThat(dl.getSourceTopic()).isEqualTo(config.topics().imageEvents());
            assertThat(dl.getPartition()).isZero();
            assertThat(bytes(dl.getOriginalKey())).isEqualTo(s.input().key());
            if (dl.getOriginalValueOmitted()) { // too big for vision.output.max-record-bytes: the offset says where it is
                assertThat(dl.getOriginalValue()).isNull();
                assertThat(s.input().value().length).isGreaterThan(config.maxRecordBytes() - 64 * 1024);
            } else {
                assertThat(bytes(dl.getOriginalValue())).isEqualTo(s.input().value());
            }
            assertThat(outcome.key()).as("dead letter keyed like its input").isEqualTo(s.input().key());
            assertThat(outcome.timestamp()).isEqualTo(s.timestamp());
            assertThat(dl.getHeaders()).extracting(h -> h.getKey())
                    .containsExactlyElementsOf(s.input().headers().stream().map(Header::key).toList());
            for (int i = 0; i < s.input().headers().size(); i++) {
                assertThat(bytes(dl.getHeaders().get(i).getValue())).isEqualTo(s.input().headers().get(i).value());
            }
        }
        assertThat(bad()).as("the 1.4 MB bitmap's dead letter leaves its bytes out")
                .anyMatch(s -> deadLetterAt(s.offset()).getOriginalValueOmitted());
        DeadLetter notAnEvent = deadLetterAt(sent.stream().filter(s -> s.input().eventId() == null)
                .findFirst().orElseThrow().offset());
        assertThat(notAnEvent.getHeaders()).hasSize(3);
    }

    @Test
    void countsResultsDeadLettersAndBatchesInTheApplicationMetrics() {
        var registry = metrics.registry();
        Map<List<String>, Long> expected = bad().stream().collect(Collectors.groupingBy(
                s -> List.of(s.input().stage().name(), s.input().reason()), Collectors.counting()));
        expected.forEach((stageAndReason, count) -> {
            Counter c = registry.find("vision.dead.letters").tag("stage", stageAndReason.get(0))
                    .tag("reason", stageAndReason.get(1)).tag("task", "none").counter();
            assertThat(c).as("dead letters " + stageAndReason).isNotNull();
            assertThat(c.count()).as("dead letters " + stageAndReason).isEqualTo(count.doubleValue());
        });
        assertThat(registry.find("vision.dead.letters").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(bad().size());
        for (VisionTask task : TASKS) {
            assertThat(registry.get("vision.results").tag("task", task.configName()).counter().count())
                    .as("results of " + task.configName()).isEqualTo(good().size());
        }
        for (var model : app.models().all().values()) {
            DistributionSummary batches = registry.get("vision.batch.size").tag("model", model.info().name()).summary();
            assertThat(batches.totalAmount()).as("frames inferred by " + model.info().name()).isEqualTo(good().size());
            assertThat(batches.count()).isBetween(1L, (long) good().size());
            assertThat(batches.max()).isLessThanOrEqualTo(config.batching().maxSize());
        }
    }

    @Test
    void servesPrometheusMetricsAndHealthOverHttp() throws Exception {
        assertThat(readyBeforeStart).as("ready before start()").isFalse();
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> scrape = get(http, "/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scrape.body())
                .contains("vision_batch_size_count{", "vision_inference_duration_seconds_count{")
                .contains("vision_results_total{task=\"classification\"} " + (double) good().size())
                .containsPattern("(?m)^vision_dead_letters_total\\{.*reason=\"TOO_LARGE\".*\\} 1\\.0$")
                .containsPattern("(?m)^kafka_stream_alive_stream_threads\\{.*\\} 1\\.0$")
                .containsPattern("(?m)^kafka_stream_failed_stream_threads_total\\{.*\\} 0\\.0$")
                .containsPattern("(?m)^kafka_stream_thread_process_total\\{.*\\} [1-9]");
        assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(http, "/health/ready").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Sent> good() {
        return sent.stream().filter(s -> s.input().good()).toList();
    }

    private List<Sent> bad() {
        return sent.stream().filter(s -> !s.input().good()).toList();
    }

    private List<Outcome> outcomes(String task, String eventId) {
        return outcomes.stream().filter(o -> o.task().equals(task) && eventId.equals(o.eventId())).toList();
    }

    private String topLabel(String eventId) {
        return ((Classification) outcomes("classification", eventId).get(0).record()).getTopK().get(0).getLabel();
    }

    private DeadLetter deadLetterAt(long offset) {
        List<DeadLetter> found = outcomes.stream().filter(Outcome::isDeadLetter).map(o -> (DeadLetter) o.record())
                .filter(d -> d.getOffset() == offset).toList();
        assertThat(found).as("dead letters for input offset " + offset).hasSize(1);
        return found.get(0);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
