package io.visionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Docker is not available here: the compose file and Dockerfile are checked against the code instead. */
class DockerComposeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode compose = read();

    private static JsonNode read() {
        try {
            return YAML.readTree(Path.of("docker-compose.yml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEnvironmentKeyTheAppGetsIsARealConfigurationKey() {
        for (String service : List.of("app", "app-gpu")) {
            Map<String, String> env = environment(service);
            assertThat(env).isNotEmpty();
            Map<String, String> keys = ConfigLoader.fromEnvironment(env);
            for (String name : env.keySet()) {
                if (name.startsWith("VISION_KAFKA_")) {
                    String key = name.substring("VISION_KAFKA_".length()).toLowerCase().replace('_', '.');
                    assertThat(StreamsConfig.configDef().names()).as(name + " → Kafka Streams key " + key).contains(key);
                } else {
                    assertThat(VisionConfigDef.DEF.names().stream().map(ConfigLoader::envName))
                            .as(service + ": " + name + " is not a configuration key").contains(name);
                }
            }
            VisionConfig config = VisionConfig.from(keys); // and every value is valid
            assertThat(config.httpPort()).isEqualTo(9400);
        }
        assertThat(environment("app-gpu")).containsEntry("VISION_DEVICE", "gpu");
    }

    @Test
    void portsTopicsAndHealthChecksAgreeWithTheConfiguration() throws Exception {
        VisionConfig config = VisionConfig.from(ConfigLoader.fromEnvironment(environment("app")));
        String port = Integer.toString(config.httpPort());
        assertThat(compose.at("/services/app/ports/0").asText()).endsWith(":" + port);
        assertThat(compose.at("/x-app/healthcheck/test").toString()).contains("127.0.0.1:" + port + "/health/ready");
        assertThat(Files.readString(Path.of("ops/prometheus.yml"))).contains("app:" + port).contains("/metrics");
        String topicScript = compose.at("/services/topics/command/0").asText();
        for (String topic : config.topics().all()) {
            assertThat(topicScript).contains(topic);
        }
        assertThat(compose.at("/services/producer/command").toString()).contains(config.topics().imageEvents());
        assertThat(compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
                .contains(config.streams().getProperty("bootstrap.servers"));
    }

    @Test
    void theProducerCommandIsAValidCommandLine() {
        List<String> args = new ArrayList<>();
        compose.at("/services/producer/command").forEach(a -> args.add(a.asText()));
        StringWriter err = new StringWriter();
        var cli = VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        var parsed = cli.parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("produce");
        assertThat(parsed.subcommand().errors()).isEmpty();
    }

    @Test
    void theDockerfileRunsTheJarsTheBuildProduces() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        // the default (last) stage is the service; the tools stage runs the launcher's jar
        assertThat(dockerfile.substring(dockerfile.lastIndexOf("\nFROM "))).startsWith("\nFROM runtime AS service");
        assertJarStage(dockerfile, "service", "io.visionstreams.app.ServiceMain");
        assertJarStage(dockerfile, "dist", "io.visionstreams.cli.VisionStreamsCli");
        Matcher cmd = Pattern.compile("CMD \\[\"([a-z]+)\"").matcher(dockerfile.substring(dockerfile.lastIndexOf("\nFROM ")));
        assertThat(cmd.find()).isTrue();
        assertThat(cmd.group(1)).isEqualTo("run");
    }

    private static void assertJarStage(String dockerfile, String module, String expectedMain) throws Exception {
        String pom = Files.readString(Path.of(module, "pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String jar = finalName.group(1) + ".jar";
        assertThat(dockerfile).contains("COPY --from=build /src/" + module + "/target/" + jar + " /app/" + jar)
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/" + jar + "\"]")
                .contains("COPY --from=build /src/" + module + "/target/lib /app/lib");
        Matcher mainClass = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(pom);
        assertThat(mainClass.find()).isTrue();
        assertThat(mainClass.group(1)).isEqualTo(expectedMain);
        assertThat(Class.forName(mainClass.group(1)).getMethod("main", String[].class)).isNotNull();
        assertThat(pom).contains("<classpathPrefix>lib/</classpathPrefix>");
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        JsonNode base = compose.at("/x-app/environment");
        base.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        JsonNode own = compose.at("/services/" + service + "/environment");
        own.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("<<")) {
                env.put(e.getKey(), e.getValue().asText());
            }
        });
        return env;
    }
}
