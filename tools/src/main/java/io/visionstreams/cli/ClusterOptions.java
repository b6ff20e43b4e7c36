package io.visionstreams.cli;

import io.visionstreams.client.ClientProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** {@code --bootstrap-server} and {@code --command-config}, as Kafka's own command-line tools name them. */
final class ClusterOptions {

    @Option(names = {"--bootstrap-server", "--bootstrap-servers"}, required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Properties file of client settings (security.protocol, sasl.*, ssl.*, ...) for every client this command creates.")
    Path commandConfig;

    Properties clientProperties() throws IOException {
        return ClientProperties.load(commandConfig, bootstrapServers);
    }
}
