package io.visionstreams.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which configuration values are secrets, and their redacted form for anything printed. A key is
 * secret when Kafka's own client definitions type it {@code PASSWORD} (sasl.jaas.config,
 * ssl.keystore.password, ...) or when its name says so (password, secret, token, credential, jaas,
 * key, user.info) for keys Kafka does not define.
 */
public final class Secrets {

    public static final String HIDDEN = "[hidden]";

    private static final ConfigDef KAFKA_CLIENT = AdminClientConfig.configDef();

    private Secrets() {}

    public static boolean isSecret(String key) {
        ConfigDef.ConfigKey known = KAFKA_CLIENT.configKeys().get(key);
        if (known != null) {
            return known.type == ConfigDef.Type.PASSWORD;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("credential")
                || k.contains("jaas") || k.endsWith(".key")
                || k.endsWith("user.info"); // basic.auth.user.info (schema registry): user:password
    }

    /** A sorted copy with every secret value replaced by {@link #HIDDEN}. */
    public static Map<String, String> redacted(Map<?, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(String.valueOf(k), isSecret(String.valueOf(k)) ? HIDDEN : String.valueOf(v)));
        return out;
    }
}
