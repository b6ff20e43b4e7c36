package io.visionstreams.results;

import java.util.Arrays;
import java.util.Locale;

/** How values are written ({@code vision.serde.format}); input is read in either, detected per record. */
public enum WireFormat {
    /** Avro single-object encoding: {@code C3 01} + schema fingerprint; readable with the schema files, no registry. */
    SINGLE_OBJECT("single-object"),
    /** The Schema Registry's: magic byte 0 + 4-byte schema id; readable by Confluent-compatible deserializers. */
    REGISTRY("registry");

    public static final String CONFIG = "vision.serde.format";

    private final String configName;

    WireFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** @throws IllegalArgumentException for a name that is neither */
    public static WireFormat fromConfigName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return SINGLE_OBJECT;
        }
        return Arrays.stream(values()).filter(f -> f.configName.equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(CONFIG + "=" + name + ": expected single-object or registry"));
    }
}
