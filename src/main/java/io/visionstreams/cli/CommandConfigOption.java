package io.visionstreams.cli;

import io.visionstreams.client.ClientProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code --command-config FILE}, as Kafka's own command-line tools have it: the client settings
 * (TLS, SASL, ...) of a command that talks to a cluster. Mix it into any such command.
 */
final class CommandConfigOption {

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for a secured cluster.")
    Path commandConfig;

    /** The client properties: the file's (if any) with {@code bootstrap} (if not null) as bootstrap.servers. */
    Properties clientProperties(String bootstrap) throws IOException {
        return ClientProperties.load(commandConfig, bootstrap);
    }
}
