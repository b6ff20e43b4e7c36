package io.visionstreams.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.Secrets;
import io.visionstreams.testing.InProcessSchemaRegistry;
import io.visionstreams.testing.WriterSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * The client against a registry speaking the Confluent REST subset under Apicurio's ccompat path, with
 * basic auth: register, lookup, latest, by id, compatibility, refusals, outages, secrets.
 */
class RegistryClientTest {

    private static final String USER_INFO = "vision:s3cret-pw";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));

    @Test
    void registersLooksUpAndReadsBackUnderABasePathWithBasicAuth() throws Exception {
        try (InProcessSchemaRegistry server = new InProcessSchemaRegistry("/apis/ccompat/v7", BASIC)) {
            RegistryClient client = new RegistryClient(RegistrySettings.from(Map.of("schema.registry.url", server.url(),
                    "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER_INFO)));

            int id = client.register("vision.classifications-value", Classification.SCHEMA$);
            int requests = server.requests();

            assertThat(server.schema(id)).isEqualTo(Classification.SCHEMA$);
            assertThat(client.register("vision.classifications-value", Classification.SCHEMA$)).isEqualTo(id);
            assertThat(server.requests()).as("ids are cached").isEqualTo(requests);
            assertThat(new RegistryClient(client.settings()).lookup("vision.classifications-value", Classification.SCHEMA$))
                    .isEqualTo(id);
            assertThat(new RegistryClient(client.settings()).schemaById(id)).isEqualTo(Classification.SCHEMA$);
            RegistryClient.Registered latest = client.latest("vision.classifications-value");
            assertThat(latest.id()).isEqualTo(id);
            assertThat(latest.version()).isEqualTo(1);
        }
    }

    @Test
    void refusesAnIncompatibleSchemaWith409AndSaysSoBeforeRegistering() throws Exception {
        try (InProcessSchemaRegistry server = new InProcessSchemaRegistry()) {
            RegistryClient client = new RegistryClient(RegistrySettings.from(Map.of("schema.registry.url", server.url())));
            client.register("events-value", ImageEvent.SCHEMA$);
            Schema newerCompatible = WriterSchemas.withExtraIntField(ImageEvent.SCHEMA$, "exposure_us");
            Schema incompatible = SchemaBuilder.record(ImageEvent.SCHEMA$.getName())
                    .namespace(ImageEvent.SCHEMA$.getNamespace()).fields().requiredInt("must_have").endRecord();

            assertThat(client.isCompatibleWithLatest("events-value", newerCompatible)).isTrue();
            assertThat(client.isCompatibleWithLatest("events-value", incompatible)).isFalse();
            RegistryException refused = catchThrowableOfType(RegistryException.class,
                    () -> client.register("events-value", incompatible));
            assertThat(refused.isIncompatible()).isTrue();
            assertThat(refused.getMessage()).contains("events-value").contains("incompatible");
            assertThat(client.register("events-value", newerCompatible)).isEqualTo(2);
        }
    }

    @Test
    void anUnknownIdIsNotFoundWhileAStoppedRegistryIsUnavailableUntilItAnswersAgain() throws Exception {
        try (InProcessSchemaRegistry server = new InProcessSchemaRegistry()) {
            RegistryClient client = new RegistryClient(RegistrySettings.from(Map.of("schema.registry.url", server.url())));

            assertThat(catchThrowableOfType(RegistryException.class, () -> client.schemaById(77)).isNotFound()).isTrue();
            assertThat(client.isReachable()).isTrue();

            server.stop();
            assertThat(catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(1)))
                    .hasMessageContaining("unreachable");
            assertThat(client.isReachable()).isFalse();
            assertThat(client.unavailableCount()).isEqualTo(1);

            server.start();
            Thread.sleep(1100); // the probe runs at most once a second
            assertThat(client.isReachable()).as("probed again without a record").isTrue();
        }
    }

    @Test
    void wrongCredentialsAreNoAnswerAboutTheSchemaAndNoSecretIsPrinted() throws Exception {
        try (InProcessSchemaRegistry server = new InProcessSchemaRegistry("", BASIC)) {
            RegistrySettings wrong = RegistrySettings.from(Map.of("schema.registry.url", server.url(),
                    "basic.auth.user.info", "vision:wrong-pw", "schema.registry.ssl.truststore.password", "tspw"));
            RegistrySettings bearer = RegistrySettings.from(Map.of("schema.registry.url", "https://u:urlpw@r.example:8081",
                    "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "tok-123"));

            assertThat(catchThrowableOfType(RegistryUnavailableException.class,
                    () -> new RegistryClient(wrong).schemaById(1))).hasMessageContaining("401")
                    .message().doesNotContain("wrong-pw");
            assertThat(wrong.toString()).doesNotContain("wrong-pw").doesNotContain("tspw");
            assertThat(bearer.authorization()).isEqualTo("Bearer tok-123");
            assertThat(bearer.toString()).doesNotContain("tok-123").doesNotContain("urlpw");
            assertThat(Secrets.isSecret("basic.auth.user.info")).isTrue();
            assertThat(Secrets.isSecret("bearer.auth.token")).isTrue();
            assertThat(Secrets.isSecret("schema.registry.ssl.truststore.password")).isTrue();
        }
    }

    @Test
    void namesSubjectsAsConfluentsStrategiesDo() {
        assertThat(SubjectStrategy.fromClassName("io.confluent.kafka.serializers.subject.TopicNameStrategy")
                .subject("t", Classification.SCHEMA$)).isEqualTo("t-value");
        assertThat(SubjectStrategy.fromClassName("TopicRecordNameStrategy").subject("t", Classification.SCHEMA$))
                .isEqualTo("t-io.visionstreams.avro.Classification");
        assertThat(SubjectStrategy.fromClassName("RecordNameStrategy").subject("t", Classification.SCHEMA$))
                .isEqualTo("io.visionstreams.avro.Classification");
    }
}
