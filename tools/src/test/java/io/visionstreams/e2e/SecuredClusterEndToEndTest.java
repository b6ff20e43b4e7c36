package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.visionstreams.app.VisionApp;
import io.visionstreams.app.Wiring;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.BrokerSecurity;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.Reasons;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.testing.LogCapture;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The application on a secured cluster: one embedded broker with only a SASL_SSL listener
 * (PLAIN; a certificate made at test time), the StandardAuthorizer and ACLs that allow the
 * application's principal its own topics, group and transactional ids, and nothing else. Given
 * classification on, when a camera principal produces through {@code produce --command-config},
 * then results and dead letters arrive; clients without credentials, with a wrong password or
 * outside their ACLs are refused; and no password appears in logs, metrics, dead letters or errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredClusterEndToEndTest {

    private static final String APP_ID = "vision-sec";
    private static final String INPUT = "sec.image-events";
    private static final String RESULTS = "sec.classifications";
    private static final String DEAD_LETTERS = "sec.dead-letters";
    private static final String TAGS = "sec.tags";
    private static final String OTHER = "sec.payroll";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final String storePassword = "store-" + UUID.randomUUID();
    private final Map<String, String> passwords = Map.of("admin", "admin-" + UUID.randomUUID(),
            "vision", "vision-" + UUID.randomUUID(), "camera", "camera-" + UUID.randomUUID());
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final VisionMetrics metrics = VisionMetrics.prometheus();
    private Path work;
    private BrokerSecurity security;
    private EmbeddedKafka kafka;
    private VisionApp app;
    private LogCapture logs;
    private int produceExit;
    private Throwable noCredentials;
    private Throwable wrongPassword;
    private Throwable outsideAcls;

    @BeforeAll
    void runOnTheSecuredCluster() throws Exception {
        // given a SASL_SSL broker, ACLs for the application and the camera, and the application
        work = Files.createTempDirectory("vision-sec-");
        TestCertificates certs = TestCertificates.create(work, storePassword);
        security = new BrokerSecurity(certs.keyStore(), storePassword, certs.trustStore(), storePassword, "admin", passwords);
        logs = new LogCapture();
        kafka = EmbeddedKafka.startSecured(security);
        kafka.createTopics(List.of(INPUT, RESULTS, DEAD_LETTERS, TAGS, OTHER), 1);
        grantAcls();
        VisionConfig config = VisionConfig.from(appSettings());
        app = new VisionApp(config, SharedModels.forTasks(Set.of(VisionTask.CLASSIFICATION)), Wiring.frameLoader(config),
                metrics, new Properties());
        app.start();

        // when the camera produces two images through the produce command, then a non-image and a claim check
        Path images = Files.createDirectories(work.resolve("images"));
        Files.copy(SampleImages.image("parrot.jpg"), images.resolve("parrot.jpg"));
        Files.copy(SampleImages.image("cat.bmp"), images.resolve("cat.bmp"));
        Path commandConfig = work.resolve("camera.properties");
        try (Writer w = Files.newBufferedWriter(commandConfig)) {
            security.clientProperties(kafka.bootstrapServers(), "camera").store(w, "camera client");
        }
        StringWriter out = new StringWriter();
        produceExit = VisionStreamsCli.commandLine(new PrintWriter(out), new PrintWriter(out)).execute("produce",
                "--bootstrap-servers", kafka.bootstrapServers(), "--command-config", commandConfig.toString(),
                "--topic", INPUT, "--source-id", "camera-1", images.toString());
        try (ImageEventProducer camera = new ImageEventProducer(security.clientProperties(kafka.bootstrapServers(), "camera"), INPUT)) {
            ImageEventProducer.await(camera.send(event("notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8), null)));
            ImageEventProducer.await(camera.send(event("inside.jpg", null, "http://127.0.0.1:1/latest/meta-data/")));
        }
        collect(4);
        noCredentials = refused(security.tlsOnly(kafka.bootstrapServers()));
        Properties wrong = security.clientProperties(kafka.bootstrapServers(), "camera");
        wrong.setProperty("sasl.jaas.config", wrong.getProperty("sasl.jaas.config").replace(passwords.get("camera"), "guess"));
        wrongPassword = refused(wrong);
        outsideAcls = readOther(security.clientProperties(kafka.bootstrapServers(), "vision"));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (logs != null) {
                logs.close();
            }
            Utils.delete(work.toFile());
        }
    }

    @Test
    void theApplicationWorksThroughTlsSaslAndItsAcls() {
        assertThat(produceExit).as("produce --command-config").isZero();
        assertThat(outcomes).filteredOn(o -> !o.isDeadLetter()).extracting(Outcome::eventId)
                .containsExactlyInAnyOrder("parrot.jpg", "cat.bmp");
        assertThat(outcomes).filteredOn(Outcome::isDeadLetter)
                .extracting(o -> o.eventId() + " " + ((DeadLetter) o.record()).getReason())
                .containsExactlyInAnyOrder("notes.jpg " + Reasons.UNKNOWN_FORMAT, "inside.jpg " + Reasons.HOST_NOT_ALLOWED);
    }

    @Test
    void theRestoreAndResubmissionConsumersGetTheSameSecuritySettings() {
        Map<String, Object> restore = new StreamsConfig(appSettingsAsProperties()).getRestoreConsumerConfigs("resubmit");

        assertThat(restore).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config")
                .containsKey("ssl.truststore.location");
    }

    @Test
    void refusesClientsWithoutCredentialsWithAWrongPasswordOrOutsideTheirAcls() {
        assertThat(noCredentials).as("TLS but no SASL").isNotNull();
        assertThat(wrongPassword).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(outsideAcls).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void noSecretAppearsInLogsMetricsDeadLettersOrErrors() {
        List<String> surfaces = new ArrayList<>(logs.lines());
        surfaces.add(((PrometheusMeterRegistry) metrics.registry()).scrape());
        outcomes.forEach(o -> surfaces.add(o.record().toString()));
        surfaces.addAll(refusals);
        surfaces.add(VisionConfig.from(appSettings()).toString());
        assertThat(logs.lines()).as("Kafka's INFO (client configuration dumps) was captured")
                .anyMatch(l -> l.contains("sasl.jaas.config"));

        List<String> secrets = new ArrayList<>(passwords.values());
        secrets.add(storePassword);
        for (String surface : surfaces) {
            for (String secret : secrets) {
                assertThat(surface).doesNotContain(secret);
            }
        }
    }

    private Map<String, String> appSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("vision.tasks", "classification");
        s.put("vision.topics.image-events", INPUT);
        s.put("vision.topics.classifications", RESULTS);
        s.put("vision.topics.dead-letters", DEAD_LETTERS);
        s.put("vision.topics.tags", TAGS);
        s.put("vision.batch.workers", "1");
        s.put("application.id", APP_ID);
        s.put("state.dir", work.resolve("state").toString());
        security.clientProperties(kafka.bootstrapServers(), "vision").forEach((k, v) -> s.put((String) k, (String) v));
        return s;
    }

    private Properties appSettingsAsProperties() {
        Properties p = new Properties();
        p.putAll(appSettings());
        return p;
    }

    /** The application's principal: its input, its outputs, its internal topics, group and transactional ids. */
    private void grantAcls() throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow("vision", ResourceType.TOPIC, INPUT, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow("vision", ResourceType.TOPIC, RESULTS, PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow("vision", ResourceType.TOPIC, DEAD_LETTERS, PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow("vision", ResourceType.TOPIC, TAGS, PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow("vision", ResourceType.TOPIC, APP_ID + "-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow("vision", ResourceType.GROUP, APP_ID, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow("vision", ResourceType.TRANSACTIONAL_ID, APP_ID + "-", PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow("camera", ResourceType.TOPIC, INPUT, PatternType.LITERAL, AclOperation.WRITE));
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.createAcls(acls).all().get();
        }
        Thread.sleep(500); // ACLs reach the authorizer through the metadata log
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private ImageEvent event(String id, byte[] image, String uri) {
        return ImageEvent.newBuilder().setEventId(id).setSourceId("camera-1").setCapturedAt(Instant.now())
                .setContentType(null).setImage(image == null ? null : ByteBuffer.wrap(image)).setImageUri(uri)
                .setAttributes(Map.of()).build();
    }

    private void collect(int expected) throws Exception {
        VisionConfig.Topics topics = VisionConfig.from(appSettings()).topics();
        try (ResultReader reader = new ResultReader(kafka.adminProperties(),
                ResultReader.topicsOf(topics, Set.of(VisionTask.CLASSIFICATION), ""), null, null, false)) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (outcomes.size() < expected && System.nanoTime() < deadline) {
                outcomes.addAll(reader.poll(Duration.ofMillis(200)));
            }
        }
    }

    /** What listing topics with these settings throws (null: it worked). */
    private Throwable refused(Properties client) {
        client.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        client.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(client)) {
            Throwable t = catchThrowable(() -> admin.listTopics().names().get());
            record(t);
            return t;
        }
    }

    /** What reading a topic outside the principal's ACLs throws. */
    private Throwable readOther(Properties client) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition other = new TopicPartition(OTHER, 0);
            consumer.assign(List.of(other));
            consumer.seekToBeginning(List.of(other));
            Throwable t = catchThrowable(() -> consumer.poll(Duration.ofSeconds(5)));
            record(t);
            return t;
        }
    }

    private void record(Throwable t) {
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            refusals.add(trace.toString());
        }
    }
}
