package io.visionstreams.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka client settings of a client command ({@code produce}, {@code consume}, {@code replay},
 * {@code evaluate}, ...): a {@code --command-config} properties file as Kafka's own tools read it
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, any producer or consumer key), plus the
 * bootstrap servers. Every client the command makes starts from these.
 */
public final class ClientProperties {

    private ClientProperties() {}

    /**
     * @param commandConfig properties file, or null for none
     * @param bootstrap     bootstrap servers; overrides the file's {@code bootstrap.servers} when not null
     */
    public static Properties load(Path commandConfig, String bootstrap) throws IOException {
        Properties p = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                p.load(reader);
            }
            p.stringPropertyNames().forEach(k -> p.setProperty(k, p.getProperty(k).trim()));
        }
        if (bootstrap != null) {
            p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        if (p.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("no bootstrap servers: give --bootstrap-servers or bootstrap.servers in "
                    + (commandConfig == null ? "a --command-config file" : commandConfig));
        }
        return p;
    }

    /** Only the bootstrap servers (an unsecured cluster such as the embedded one). */
    public static Properties plaintext(String bootstrap) {
        Properties p = new Properties();
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }
}
