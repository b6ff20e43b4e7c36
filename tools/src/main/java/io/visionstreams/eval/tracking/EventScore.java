package io.visionstreams.eval.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Object events scored against an events ground truth as precision and recall. An expected event is
 * found by at most one reported event of the same type and line or zone, whose frame is within
 * {@code tolerance} frames of it, whose track is on the right object (its box overlaps the object's
 * at IoU ≥ 0.5 on some frame within the tolerance of the reported frame) and, for a crossing, whose
 * anchors before and after lie on the expected sides of the directed line; the nearest in frames wins.
 * Every other reported event of the scored types is a false one, with the reason it is.
 */
public record EventScore(int tolerance, List<EventTruth> truth, List<Match> matches, List<EventTruth> missed,
                         List<Spurious> spurious) {

    public static final int DEFAULT_TOLERANCE = 3;

    public record Match(EventTruth truth, ObjectEventRow reported) {}

    /** A reported event that found no expected one, and why. */
    public record Spurious(ObjectEventRow reported, String reason) {}

    public int reported() {
        return matches.size() + spurious.size();
    }

    public double precision() {
        return reported() == 0 ? Double.NaN : (double) matches.size() / reported();
    }

    public double recall() {
        return truth.isEmpty() ? Double.NaN : (double) matches.size() / truth.size();
    }

    public static EventScore of(List<EventTruth> truth, List<ObjectEventRow> reported, ZonesFile.Geometry geometry,
                                List<TruthRow> truthRows, List<TrackRow> trackRows, int tolerance) {
        Map<Long, Map<Integer, Box>> objects = new HashMap<>();
        truthRows.forEach(r -> objects.computeIfAbsent(r.id(), k -> new HashMap<>()).put(r.frame(), r.box()));
        Map<Long, Map<Integer, Box>> tracks = new HashMap<>();
        trackRows.stream().filter(r -> r.trackId() != null)
                .forEach(r -> tracks.computeIfAbsent(r.trackId(), k -> new HashMap<>()).put(r.frame(), r.box()));
        Judge judge = new Judge(objects, tracks, geometry, tolerance);
        List<ObjectEventRow> scored = reported.stream().filter(e -> EventTruth.TYPES.contains(e.type())).toList();
        boolean[] used = new boolean[scored.size()];
        List<Match> matches = new ArrayList<>();
        List<EventTruth> missed = new ArrayList<>();
        for (EventTruth t : truth.stream().sorted(Comparator.comparingInt(EventTruth::frame)).toList()) {
            int best = -1;
            for (int i = 0; i < scored.size(); i++) {
                ObjectEventRow e = scored.get(i);
                if (!used[i] && judge.sameEvent(t, e) && judge.onObject(t.gtId(), e) && judge.rightWay(t, e)
                        && (best < 0 || Math.abs(e.frame() - t.frame()) < Math.abs(scored.get(best).frame() - t.frame()))) {
                    best = i;
                }
            }
            if (best < 0) {
                missed.add(t);
            } else {
                used[best] = true;
                matches.add(new Match(t, scored.get(best)));
            }
        }
        List<Spurious> spurious = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            if (!used[i]) {
                spurious.add(new Spurious(scored.get(i), judge.why(truth, scored.get(i))));
            }
        }
        return new EventScore(tolerance, truth, matches, missed, spurious);
    }

    private record Judge(Map<Long, Map<Integer, Box>> objects, Map<Long, Map<Integer, Box>> tracks,
                         ZonesFile.Geometry geometry, int tolerance) {

        boolean sameEvent(EventTruth t, ObjectEventRow e) {
            return t.type().equals(e.type()) && t.name().equals(e.name())
                    && Math.abs(e.frame() - t.frame()) <= tolerance;
        }

        boolean onObject(long gtId, ObjectEventRow e) {
            Map<Integer, Box> object = objects.getOrDefault(gtId, Map.of());
            Map<Integer, Box> track = tracks.getOrDefault(e.trackId(), Map.of());
            for (int f = e.frame() - tolerance; f <= e.frame() + tolerance; f++) {
                if (object.containsKey(f) && track.containsKey(f)
                        && object.get(f).iou(track.get(f)) >= MotSequence.MATCH_IOU) {
                    return true;
                }
            }
            return false;
        }

        boolean rightWay(EventTruth t, ObjectEventRow e) {
            if (!t.crossing()) {
                return true;
            }
            ZonesFile.Line line = geometry.line(t.name());
            return line != null && e.from() != null && e.to() != null && t.fromSide().equals(line.side(e.from()))
                    && t.toSide().equals(line.side(e.to()));
        }

        String why(List<EventTruth> truth, ObjectEventRow e) {
            List<EventTruth> near = truth.stream().filter(t -> sameEvent(t, e)).toList();
            if (near.stream().anyMatch(t -> onObject(t.gtId(), e) && rightWay(t, e))) {
                return "repeat";
            }
            if (near.stream().anyMatch(t -> onObject(t.gtId(), e))) {
                return "wrong direction";
            }
            boolean followsAnObject = objects.keySet().stream().anyMatch(id -> overlapsEver(id, e.trackId()));
            if (!followsAnObject) {
                return "track follows no object";
            }
            return near.isEmpty() ? "no such event within " + tolerance + " frames" : "on another object";
        }

        private boolean overlapsEver(long gtId, long trackId) {
            Map<Integer, Box> object = objects.get(gtId);
            Map<Integer, Box> track = tracks.getOrDefault(trackId, Map.of());
            return track.entrySet().stream().anyMatch(x -> object.containsKey(x.getKey())
                    && object.get(x.getKey()).iou(x.getValue()) >= MotSequence.MATCH_IOU);
        }
    }
}
