package io.visionstreams.eval.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The baseline a tracker must beat: detections linked frame to frame by greedy IoU alone. On each
 * frame, the pairs (a track's box on the previous frame, a detection of the same label) with
 * IoU ≥ {@link #MIN_IOU} are taken best first, each track and detection once; every detection left
 * starts a new track, and a track not continued ends. No motion model, no memory across a missed
 * frame, every detection used whatever its score (the IoU tracker of Bochinski et al. 2017 without
 * its length and score filters).
 */
public final class GreedyIouTracker {

    public static final String NAME = "greedy-iou";
    public static final double MIN_IOU = 0.3;

    private GreedyIouTracker() {}

    /** The same detections with new track ids (1, 2, ... in order of birth); their own ids are ignored. */
    public static List<TrackRow> track(List<TrackRow> detections) {
        SortedMap<Integer, List<TrackRow>> byFrame = new TreeMap<>();
        detections.forEach(d -> byFrame.computeIfAbsent(d.frame(), f -> new ArrayList<>()).add(d));
        List<TrackRow> out = new ArrayList<>();
        List<TrackRow> previous = List.of();
        int previousFrame = Integer.MIN_VALUE;
        long nextId = 1;
        for (var entry : byFrame.entrySet()) {
            List<TrackRow> dets = entry.getValue();
            List<TrackRow> alive = entry.getKey() == previousFrame + 1 ? previous : List.of();
            record Pair(int track, int det, double iou) {}
            List<Pair> pairs = new ArrayList<>();
            for (int t = 0; t < alive.size(); t++) {
                for (int d = 0; d < dets.size(); d++) {
                    double iou = alive.get(t).box().iou(dets.get(d).box());
                    if (iou >= MIN_IOU && alive.get(t).label().equals(dets.get(d).label())) {
                        pairs.add(new Pair(t, d, iou));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
            Long[] ids = new Long[dets.size()];
            boolean[] trackTaken = new boolean[alive.size()];
            for (Pair p : pairs) {
                if (!trackTaken[p.track] && ids[p.det] == null) {
                    trackTaken[p.track] = true;
                    ids[p.det] = alive.get(p.track).trackId();
                }
            }
            List<TrackRow> current = new ArrayList<>();
            for (int d = 0; d < dets.size(); d++) {
                TrackRow row = dets.get(d).withTrack(ids[d] != null ? ids[d] : nextId++);
                current.add(row);
                out.add(row);
            }
            previous = current;
            previousFrame = entry.getKey();
        }
        return out;
    }
}
