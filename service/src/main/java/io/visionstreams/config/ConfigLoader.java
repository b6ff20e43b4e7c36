package io.visionstreams.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link VisionConfig} from, lowest precedence first: defaults, a properties file,
 * environment variables, explicit overrides (command-line options).
 *
 * <p>Environment: each {@code vision.*} key has a variable named by upper-casing it and turning
 * {@code .} and {@code -} into {@code _} ({@code vision.tasks} = {@code VISION_TASKS}); any Kafka
 * Streams key can be set as {@code VISION_KAFKA_} + the key in that form
 * ({@code VISION_KAFKA_BOOTSTRAP_SERVERS} = {@code bootstrap.servers}).
 */
public final class ConfigLoader {

    static final String KAFKA_ENV_PREFIX = "VISION_KAFKA_";

    private ConfigLoader() {}

    public static VisionConfig load(Path propertiesFile, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                file.load(reader);
            }
            file.stringPropertyNames().forEach(k -> merged.put(k, file.getProperty(k).trim()));
        }
        merged.putAll(fromEnvironment(env));
        merged.putAll(overrides);
        return VisionConfig.from(merged);
    }

    /** The configuration keys the given environment sets. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : VisionConfigDef.DEF.names()) {
            String value = env.get(envName(key));
            if (value != null) {
                keys.put(key, value);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV_PREFIX)) {
                keys.put(name.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return keys;
    }

    /** {@code vision.batch.max-size} → {@code VISION_BATCH_MAX_SIZE}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
