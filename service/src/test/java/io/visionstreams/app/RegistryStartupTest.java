package io.visionstreams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.testing.InProcessSchemaRegistry;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * At start-up in registry format every output's schema id is resolved: registered under its subject
 * (TopicNameStrategy; TopicRecordNameStrategy for dead letters), and a schema the registry's own
 * compatibility check refuses stops the start with a message naming the subject.
 */
class RegistryStartupTest {

    @Test
    void registersEveryOutputUnderItsSubject() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            Wiring.outputValues(config(registry.url()));

            assertThat(registry.subjects()).containsExactlyInAnyOrder("vision.classifications-value",
                    "vision.tags-value", "vision.dead-letters-" + DeadLetter.SCHEMA$.getFullName());
        }
    }

    @Test
    void aSchemaTheRegistryRefusesStopsTheStartNamingTheSubject() throws Exception {
        try (InProcessSchemaRegistry registry = new InProcessSchemaRegistry()) {
            registry.register("vision.classifications-value", SchemaBuilder.record(Classification.SCHEMA$.getName())
                    .namespace(Classification.SCHEMA$.getNamespace()).fields().requiredLong("not_in_ours").endRecord());

            ConfigException refused = catchThrowableOfType(ConfigException.class,
                    () -> Wiring.outputValues(config(registry.url())));

            assertThat(refused).hasMessageContaining("vision.serde.format").hasMessageContaining("vision.classifications-value")
                    .hasMessageContaining("incompatible");
        }
    }

    @Test
    void anUnreachableRegistryStopsTheStartToo() throws Exception {
        InProcessSchemaRegistry registry = new InProcessSchemaRegistry();
        String url = registry.url();
        registry.close();

        assertThat(catchThrowableOfType(ConfigException.class, () -> Wiring.outputValues(config(url))))
                .hasMessageContaining("unreachable");
    }

    private static VisionConfig config(String url) {
        return VisionConfig.from(Map.of("vision.tasks", "classification", "vision.serde.format", "registry",
                "schema.registry.url", url, "application.id", "registry-startup", "bootstrap.servers", "127.0.0.1:1"));
    }
}
