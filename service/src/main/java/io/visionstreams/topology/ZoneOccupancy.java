package io.visionstreams.topology;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code vision.zone.occupancy{zone}}: confirmed tracks inside each zone now, summed over the
 * sources this instance tracks (sum the instances for the cluster). Labels are zone names, at most
 * {@link #MAX_ZONES}; zones past that count under {@code zone="other"}, so the label set stays bounded
 * however many sources there are.
 */
final class ZoneOccupancy {

    static final int MAX_ZONES = 64;

    private final MeterRegistry registry;
    private final Map<String, Map<String, Integer>> bySource = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    ZoneOccupancy(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The occupancy of one source's zones after its latest frame. */
    void update(String sourceId, Map<String, Integer> occupancy) {
        if (registry == null) {
            return;
        }
        Map<String, Integer> old = bySource.put(sourceId, Map.copyOf(occupancy));
        if (old != null) {
            old.forEach((zone, n) -> gauge(zone).addAndGet(-n));
        }
        occupancy.forEach((zone, n) -> gauge(zone).addAndGet(n));
    }

    /** A source whose state left this instance (its task was revoked). */
    void forget(String sourceId) {
        Map<String, Integer> old = bySource.remove(sourceId);
        if (old != null) {
            old.forEach((zone, n) -> gauge(zone).addAndGet(-n));
        }
    }

    private synchronized AtomicLong gauge(String zone) {
        String label = gauges.containsKey(zone) || gauges.size() < MAX_ZONES ? zone : "other";
        return gauges.computeIfAbsent(label, z -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("vision.zone.occupancy", value, AtomicLong::get).tag("zone", z)
                    .description("Confirmed tracks inside the zone now, over the sources this instance tracks")
                    .register(registry);
            return value;
        });
    }
}
