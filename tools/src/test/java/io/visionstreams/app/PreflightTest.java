package io.visionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} checks before it loads anything: topics on a real (embedded) broker, the producer's
 * request size and the engine's environment; each problem names its topic, key or variable, and
 * the exit code is {@link VisionStreamsCli#EXIT_PREFLIGHT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightTest {

    private static final Map<String, String> SANE_ENV = Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "1");

    private EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    void stopBroker() {
        kafka.close();
    }

    @Test
    void runWithAMissingInputTopicExitsWithThePreflightCodeNamingEveryMissingTopic() throws Exception {
        // given topics that do not exist
        Map<String, String> settings = settings("missing");

        // when
        Cli run = cli("run", "--config", properties(settings).toString());

        // then: no model loaded, no process left answering 503
        assertThat(run.exit()).isEqualTo(VisionStreamsCli.EXIT_PREFLIGHT).isEqualTo(6);
        assertThat(run.err()).contains("preflight: " + settings.get("vision.topics.image-events")
                + ": topic does not exist (input, vision.topics.image-events)")
                .contains("preflight: " + settings.get("vision.topics.classifications") + ": topic does not exist")
                .contains("preflight: " + settings.get("vision.topics.dead-letters") + ": topic does not exist")
                .contains("--create-topics");
    }

    @Test
    void createTopicsCreatesWhatIsMissingWithOutputsThatTakeTheLargestRecord() throws Exception {
        // given records up to 2 MB, and no topics
        Map<String, String> settings = settings("create");
        settings.put("vision.output.max-record-bytes", "2000000");
        settings.put("producer.max.request.size", "3000000");
        Path file = properties(settings);

        // when
        Cli created = cli("run", "--config", file.toString(), "--create-topics", "--partitions", "3", "--preflight-only");

        // then
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("fit to start");
        try (Admin admin = admin()) {
            for (String key : List.of("vision.topics.image-events", "vision.topics.classifications",
                    "vision.topics.detections", "vision.topics.segmentations", "vision.topics.dead-letters")) {
                String topic = settings.get(key);
                assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                        .as(topic).hasSize(3);
                long max = Long.parseLong(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                        topic))).all().get().values().iterator().next().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
                if (key.equals("vision.topics.image-events")) {
                    assertThat(max).as("the input keeps the broker's default").isEqualTo(32L * 1024 * 1024);
                } else {
                    assertThat(max).as(topic).isGreaterThan(2_000_000);
                }
            }
        }
        assertThat(cli("run", "--config", file.toString(), "--preflight-only").exit()).as("second run, topics there").isZero();
    }

    @Test
    void namesAnOutputTopicThatCannotTakeTheLargestRecordAndAProducerThatCannotSendIt() throws Exception {
        // given every topic, the dead-letter one limited to 500 kB, and a producer limited to 600 kB
        Map<String, String> settings = settings("small");
        settings.put("producer.max.request.size", "600000");
        VisionConfig config = VisionConfig.from(settings);
        try (Admin admin = admin()) {
            admin.createTopics(config.topics().all().stream().map(t -> new NewTopic(t, 1, (short) 1)
                    .configs(t.equals(config.topics().deadLetters())
                            ? Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "500000") : Map.of())).toList()).all().get();
        }

        // when
        List<PreflightProblem> problems = Preflight.check(config, SANE_ENV, Preflight.TopicCreation.NONE);

        // then
        assertThat(problems).extracting(PreflightProblem::subject)
                .containsExactlyInAnyOrder("producer.max.request.size", config.topics().deadLetters());
        assertThat(problems).filteredOn(p -> p.subject().equals(config.topics().deadLetters())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("max.message.bytes=500000")
                        .contains("vision.output.max-record-bytes=1000000"));
    }

    @Test
    void aSchemasFolderThatCannotBeReadIsAProblemNamingTheKey() throws Exception {
        Map<String, String> settings = settings("schemas");
        Files.writeString(Files.createDirectories(dir.resolve("schemas")).resolve("broken.avsc"), "{\"type\": \"record\"");
        settings.put("vision.schemas.dir", dir.resolve("schemas").toString());

        List<PreflightProblem> problems = Preflight.check(VisionConfig.from(settings), SANE_ENV, Preflight.TopicCreation.NONE);

        assertThat(problems).filteredOn(p -> p.subject().equals("vision.schemas.dir")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(dir.resolve("schemas").toString()));
    }

    @Test
    void engineSettingsThatBreakOrOversubscribeTheCpuAreProblemsNamingTheVariableOrKey() {
        VisionConfig threeTasks = VisionConfig.from(Map.of());
        assertThat(EngineCheck.check(threeTasks, SANE_ENV, 2)).isEmpty();
        assertThat(EngineCheck.check(threeTasks, Map.of("OMP_NUM_THREADS", "1"), 2))
                .extracting(PreflightProblem::subject).containsExactly("MXNET_ENGINE_TYPE");
        assertThat(EngineCheck.check(VisionConfig.from(Map.of("vision.tasks", "classification",
                "vision.batch.workers", "1")), Map.of(), 2)).as("one predictor: the threaded engine is fine").isEmpty();
        assertThat(EngineCheck.check(threeTasks, Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "two"), 2))
                .extracting(PreflightProblem::subject).containsExactly("OMP_NUM_THREADS");
        List<PreflightProblem> oversubscribed = EngineCheck.check(VisionConfig.from(Map.of("vision.batch.workers", "4")),
                Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "2"), 4);
        assertThat(oversubscribed).extracting(PreflightProblem::subject).containsExactly("vision.batch.workers");
        assertThat(oversubscribed.get(0).message()).contains("4 inference workers x 2 OpenMP thread(s)", "4 core(s)");
    }

    @Test
    void runHelpPrintsTheUsageLikeEveryOtherCommand() {
        Cli help = cli("run", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: vision-streams run", "--config", "--create-topics", "--partitions",
                "--replication-factor", "--preflight-only");
    }

    private record Cli(int exit, String out, String err) {}

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = VisionStreamsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    private Map<String, String> settings(String name) {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> s = new HashMap<>();
        for (String topic : Set.of("image-events", "classifications", "detections", "segmentations", "dead-letters")) {
            s.put("vision.topics." + topic, run + "." + topic);
        }
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("application.id", "vision-" + run);
        return s;
    }

    private Path properties(Map<String, String> settings) throws Exception {
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Files.writeString(Files.createTempFile(dir, "run-", ".properties"), text);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
