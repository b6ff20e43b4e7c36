package io.visionstreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator deploys carries what the service runs and nothing else: no Kafka broker, no JMH, no
 * FFmpeg/JavaCV natives. Reads the service module's packaged jar and lib/ (built before this module).
 */
class ServiceClasspathTest {

    private static final List<String> TOOLS_ONLY = List.of("kafka_2.13", "kafka-metadata", "kafka-server", "kafka-raft",
            "kafka-storage", "jmh-", "javacv", "javacpp", "ffmpeg", "scala-library", "commons-fileupload");

    @Test
    void theServiceJarAndItsLibHoldNoBrokerNoJmhNoFfmpeg() throws IOException {
        Path lib = Path.of("service", "target", "lib");
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(jars).isNotEmpty().anyMatch(j -> j.startsWith("kafka-streams-")).anyMatch(j -> j.startsWith("mxnet-engine-"));
        assertThat(jars).noneMatch(j -> TOOLS_ONLY.stream().anyMatch(j::startsWith));
        try (JarFile service = new JarFile(Path.of("service", "target", "vision-streams-service.jar").toFile())) {
            String classPath = service.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).contains("lib/kafka-streams-");
            assertThat(TOOLS_ONLY).allSatisfy(t -> assertThat(classPath).doesNotContain("lib/" + t));
            assertThat(service.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.visionstreams.app.ServiceMain");
        }
    }
}
