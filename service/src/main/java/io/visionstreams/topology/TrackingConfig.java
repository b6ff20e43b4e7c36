package io.visionstreams.topology;

import static io.visionstreams.config.VisionConfigDef.*;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.tracking.TrackerSettings;
import io.visionstreams.tracking.ZoneSet;
import io.visionstreams.tracking.ZonesJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Tracking's part of the configuration (vision.tracking.*, vision.zones.*), read from a {@link VisionConfig}:
 * whether it runs (enabled, and detection is), the tracker's knobs, and the zones file read once at start-up.
 *
 * @param zonesFromFile per source id (or {@code *}) its zones from {@code vision.zones.file}; empty when none
 */
public record TrackingConfig(boolean active, TrackerSettings settings, Map<String, ZoneSet> zonesFromFile,
                             String objectEventsTopic, String zonesTopic) {

    public static final String ZONES_FILE_ENV = "VISION_ZONES_FILE";

    public TrackingConfig {
        zonesFromFile = Map.copyOf(zonesFromFile);
    }

    /** @throws ConfigException naming the key whose value is wrong, or the zones file that cannot be read */
    public static TrackingConfig of(VisionConfig config) {
        return of(config, System.getenv(ZONES_FILE_ENV));
    }

    static TrackingConfig of(VisionConfig config, String zonesFileEnv) {
        boolean active = (Boolean) config.setting(TRACKING_ENABLED) && config.tasks().contains(VisionTask.DETECTION);
        TrackerSettings settings;
        try {
            settings = new TrackerSettings((Double) config.setting(TRACKING_HIGH_SCORE),
                    (Double) config.setting(TRACKING_NEW_TRACK_SCORE), (Double) config.setting(TRACKING_MATCH_COST),
                    (Integer) config.setting(TRACKING_MIN_HITS), (Long) config.setting(TRACKING_LOST_AFTER),
                    (Integer) config.setting(ZONES_INERTIA));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String file = (String) config.setting(ZONES_FILE);
        if (file.isBlank() && zonesFileEnv != null) {
            file = zonesFileEnv;
        }
        Map<String, ZoneSet> zones = Map.of();
        if (!file.isBlank()) {
            try {
                zones = ZonesJson.read(Path.of(file));
            } catch (IOException e) {
                throw new ConfigException(ZONES_FILE, file, e.getMessage());
            }
        }
        return new TrackingConfig(active, settings, zones, config.topics().objectEvents(), config.topics().zones());
    }
}
