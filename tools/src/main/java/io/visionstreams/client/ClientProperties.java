package io.visionstreams.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Kafka client settings for the client commands, taken as Kafka's own tools take them: the
 * bootstrap servers, plus every key of a {@code --command-config} properties file (security.protocol,
 * sasl.*, ssl.*, client.id, ...), passed unchanged to each client a command creates.
 */
public final class ClientProperties {

    private ClientProperties() {}

    /** @param commandConfig a properties file, or null; its {@code bootstrap.servers} loses to {@code bootstrapServers} */
    public static Properties load(Path commandConfig, String bootstrapServers) throws IOException {
        Properties p = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                p.load(reader);
            }
        }
        if (bootstrapServers != null) {
            p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return p;
    }

    /** Only the bootstrap servers (an unsecured cluster, such as the embedded one). */
    public static Properties of(String bootstrapServers) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** A copy of {@code base} with {@code extra} on top. */
    public static Properties with(Properties base, Properties extra) {
        Properties p = new Properties();
        p.putAll(base);
        p.putAll(extra);
        return p;
    }
}
