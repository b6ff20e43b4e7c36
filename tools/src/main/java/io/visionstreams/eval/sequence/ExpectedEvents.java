package io.visionstreams.eval.sequence;

import io.visionstreams.eval.tracking.EventTruth;
import io.visionstreams.eval.tracking.TruthRow;
import io.visionstreams.eval.tracking.ZonesFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a sequence's ground truth implies, with the anchor the contract names (the box's bottom
 * centre): a crossing on the first frame an object's anchor is on the other side of a line than on
 * its last frame on a side, a zone entry (exit) on the first frame it is inside (outside) after a
 * frame outside (inside). An object's first frame only sets where it starts; flag-0 objects have no events.
 */
final class ExpectedEvents {

    private ExpectedEvents() {}

    static List<EventTruth> of(List<TruthRow> truth, ZonesFile.Geometry geometry, int width, int height) {
        Map<Long, List<TruthRow>> byObject = new LinkedHashMap<>();
        truth.stream().filter(TruthRow::considered).sorted(Comparator.comparingInt(TruthRow::frame))
                .forEach(r -> byObject.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
        List<EventTruth> out = new ArrayList<>();
        for (Map.Entry<Long, List<TruthRow>> object : byObject.entrySet()) {
            for (ZonesFile.Line line : geometry.lines()) {
                String side = null;
                for (TruthRow r : object.getValue()) {
                    String now = line.side(r.box().anchor(width, height));
                    if (now != null && side != null && !now.equals(side)) {
                        out.add(new EventTruth(EventTruth.LINE_CROSSED, line.name(), object.getKey(), r.frame(), side, now));
                    }
                    side = now != null ? now : side;
                }
            }
            for (ZonesFile.Zone zone : geometry.zones()) {
                Boolean inside = null;
                for (TruthRow r : object.getValue()) {
                    boolean now = zone.contains(r.box().anchor(width, height));
                    if (inside != null && now != inside) {
                        out.add(new EventTruth(now ? EventTruth.ZONE_ENTERED : EventTruth.ZONE_LEFT, zone.name(),
                                object.getKey(), r.frame(), null, null));
                    }
                    inside = now;
                }
            }
        }
        out.sort(Comparator.comparingInt(EventTruth::frame).thenComparingLong(EventTruth::gtId));
        return out;
    }
}
