package io.visionstreams.topology;

import io.visionstreams.avro.ZonePoint;
import io.visionstreams.avro.Zones;
import io.visionstreams.results.Serdes;
import io.visionstreams.tracking.Point;
import io.visionstreams.tracking.ZoneSet;
import io.visionstreams.tracking.ZonesJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zones of a source as one stream task reads them: the global {@code zones} store (the compacted
 * vision.zones topic: the source's own record, else {@code *}'s), else the zones file. Records are parsed
 * when they change (cached by their bytes); one that does not parse or validate is skipped with a warning,
 * as if it were not there.
 */
final class ZonesTable {

    private static final Logger log = LoggerFactory.getLogger(ZonesTable.class);

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, ZoneSet> fromFile;
    private final Map<String, Parsed> cache = new HashMap<>();

    private record Parsed(byte[] bytes, ZoneSet zones) {}

    ZonesTable(KeyValueStore<String, byte[]> store, Map<String, ZoneSet> fromFile) {
        this.store = store;
        this.fromFile = fromFile;
    }

    ZoneSet forSource(String sourceId) {
        ZoneSet own = fromTopic(sourceId);
        if (own != null) {
            return own;
        }
        ZoneSet any = fromTopic("*");
        return any != null ? any : ZonesJson.forSource(fromFile, sourceId);
    }

    private ZoneSet fromTopic(String key) {
        byte[] bytes = store == null ? null : store.get(key);
        if (bytes == null) {
            cache.remove(key);
            return null;
        }
        Parsed p = cache.get(key);
        if (p == null || !Arrays.equals(p.bytes(), bytes)) {
            p = new Parsed(bytes, parse(key, bytes));
            cache.put(key, p);
        }
        return p.zones();
    }

    /** The zones of a vision.zones record; null (with a warning) when it is not a valid Zones record. */
    static ZoneSet parse(String key, byte[] bytes) {
        try {
            return toZoneSet(Serdes.ZONES.decode(bytes));
        } catch (IOException | RuntimeException e) {
            log.warn("vision.zones record for key '{}' ignored: {}", key, e.getMessage());
            return null;
        }
    }

    static ZoneSet toZoneSet(Zones z) {
        return new ZoneSet(z.getZones().stream().map(zone -> new ZoneSet.Zone(zone.getName(), points(zone.getPolygon()),
                zone.getLabels(), zone.getLoiteringMs())).toList(),
                z.getLines().stream().map(l -> new ZoneSet.Line(l.getName(), points(l.getPoints()), l.getLabels())).toList());
    }

    private static List<Point> points(List<ZonePoint> points) {
        return points.stream().map(p -> new Point(p.getX(), p.getY())).toList();
    }
}
