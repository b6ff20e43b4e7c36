package io.visionstreams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.visionstreams.cli.VisionStreamsCli;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Docker here: the Dockerfile and compose file are read for what the container may do. */
class ContainerHardeningTest {

    private final JsonNode compose = read();

    @Test
    void theImageRunsAsAnUnprivilegedUser() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

        Matcher user = Pattern.compile("\\nUSER (\\d+)(:\\d+)?\\s").matcher(runtime);
        assertThat(user.find()).as("a numeric USER in the runtime stage").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(runtime.indexOf("\nUSER ")).as("USER comes before the entry point").isLessThan(runtime.indexOf("ENTRYPOINT"));
    }

    @Test
    void theApplicationMountsModelsAndTheirCacheReadOnlyAndGetsNoPrivileges() {
        List<String> volumes = new ArrayList<>();
        compose.at("/x-app/volumes").forEach(v -> volumes.add(v.asText()));

        assertThat(volumes).anyMatch(v -> v.endsWith(":/models:ro")).anyMatch(v -> v.equals("model-cache:/cache:ro"));
        assertThat(compose.at("/x-app/cap_drop").toString()).contains("ALL");
        assertThat(compose.at("/x-app/security_opt").toString()).contains("no-new-privileges:true");
        for (String service : List.of("app", "app-gpu", "models")) {
            assertThat(compose.at("/services/" + service + "/user").asText("")).as(service).isNotIn("root", "0", "0:0");
        }
        assertThat(compose.at("/x-app/depends_on/models/condition").asText()).isEqualTo("service_completed_successfully");
    }

    @Test
    void theCacheIsFilledByAValidModelsCommandAndTheEndpointAddressIsExplicit() {
        List<String> args = new ArrayList<>();
        compose.at("/services/models/command").forEach(a -> args.add(a.asText()));
        var cli = VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        var parsed = cli.parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("models");
        assertThat(parsed.subcommand().subcommand().commandSpec().name()).isEqualTo("convert");

        Map<String, String> env = new HashMap<>();
        compose.at("/x-app/environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        VisionConfig config = VisionConfig.from(ConfigLoader.fromEnvironment(env));
        assertThat(config.httpBindAddress()).as("probes and Prometheus reach the container's interface").isEqualTo("0.0.0.0");
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
