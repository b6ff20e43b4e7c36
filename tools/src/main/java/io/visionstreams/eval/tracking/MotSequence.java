package io.visionstreams.eval.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Ground truth and tracker boxes frame by frame, after the MOTChallenge ignore rule: on each frame
 * the tracker boxes are matched one-to-one to every ground-truth row, flag 0 included (maximum total
 * IoU, pairs below IoU 0.5 not matched); a tracker box matched to a flag-0 row is dropped (neither a
 * hit nor a false positive), then the flag-0 rows are dropped. Tracker boxes without a track id are
 * not tracker output and are left out first.
 *
 * <p>TrackEval drops tracker boxes matched to the distractor <em>classes</em> only and counts those
 * matched to a flag-0 pedestrian as false positives; the MOT16 paper and the issue this follows
 * ignore both, and so does this class.
 *
 * @param truth   per frame, the considered rows
 * @param tracks  per frame, the tracker boxes kept
 * @param ignored tracker boxes dropped for matching a flag-0 row
 */
public record MotSequence(SortedMap<Integer, List<TruthRow>> truth, SortedMap<Integer, List<TrackRow>> tracks,
                          int ignored) {

    /** IoU at which a tracker box and a ground-truth row can match (CLEAR-MOT, identity and the ignore rule). */
    public static final double MATCH_IOU = 0.5;

    public static MotSequence of(List<TruthRow> truthRows, List<TrackRow> trackerRows) {
        SortedMap<Integer, List<TruthRow>> allTruth = byFrame(truthRows);
        SortedMap<Integer, List<TrackRow>> allTracks = new TreeMap<>();
        for (TrackRow r : trackerRows) {
            if (r.trackId() != null) {
                allTracks.computeIfAbsent(r.frame(), f -> new ArrayList<>()).add(r);
            }
        }
        SortedMap<Integer, List<TruthRow>> truth = new TreeMap<>();
        SortedMap<Integer, List<TrackRow>> tracks = new TreeMap<>();
        int ignored = 0;
        TreeMap<Integer, Boolean> frames = new TreeMap<>();
        allTruth.keySet().forEach(f -> frames.put(f, true));
        allTracks.keySet().forEach(f -> frames.put(f, true));
        for (int f : frames.keySet()) {
            List<TruthRow> gt = allTruth.getOrDefault(f, List.of());
            List<TrackRow> tr = allTracks.getOrDefault(f, List.of());
            boolean[] drop = new boolean[tr.size()];
            int[] match = matchByIou(gt.stream().map(TruthRow::box).toList(), tr.stream().map(TrackRow::box).toList());
            for (int g = 0; g < gt.size(); g++) {
                if (match[g] >= 0 && !gt.get(g).considered()) {
                    drop[match[g]] = true;
                    ignored++;
                }
            }
            List<TrackRow> keptTracks = new ArrayList<>();
            for (int t = 0; t < tr.size(); t++) {
                if (!drop[t]) {
                    keptTracks.add(tr.get(t));
                }
            }
            List<TruthRow> keptTruth = gt.stream().filter(TruthRow::considered).toList();
            truth.put(f, keptTruth);
            tracks.put(f, keptTracks);
        }
        return new MotSequence(truth, tracks, ignored);
    }

    /** Ground-truth ids that are considered somewhere, in order of first appearance. */
    public List<Long> truthIds() {
        return truth.values().stream().flatMap(List::stream).map(TruthRow::id).distinct().toList();
    }

    /** Track ids kept somewhere, in order of first appearance. */
    public List<Long> trackIds() {
        return tracks.values().stream().flatMap(List::stream).map(TrackRow::trackId).distinct().toList();
    }

    /**
     * One-to-one matches of {@code truth} to {@code tracker} boxes maximizing the total IoU, pairs below
     * {@link #MATCH_IOU} never matched; for each truth box the tracker index, or -1.
     */
    static int[] matchByIou(List<Box> truth, List<Box> tracker) {
        double[][] score = new double[truth.size()][tracker.size()];
        for (int g = 0; g < truth.size(); g++) {
            for (int t = 0; t < tracker.size(); t++) {
                double iou = truth.get(g).iou(tracker.get(t));
                score[g][t] = iou >= MATCH_IOU ? iou : 0;
            }
        }
        return assignPositive(score);
    }

    /** Maximum-score assignment keeping only pairs with a positive score; for each row its column or -1. */
    static int[] assignPositive(double[][] score) {
        int rows = score.length;
        if (rows == 0 || score[0].length == 0) {
            int[] none = new int[rows];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        double[][] cost = new double[rows][score[0].length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < score[0].length; j++) {
                cost[i][j] = -score[i][j];
            }
        }
        int[] a = Hungarian.assign(cost);
        for (int i = 0; i < rows; i++) {
            if (a[i] >= 0 && score[i][a[i]] <= 0) {
                a[i] = -1;
            }
        }
        return a;
    }

    private static SortedMap<Integer, List<TruthRow>> byFrame(List<TruthRow> rows) {
        SortedMap<Integer, List<TruthRow>> m = new TreeMap<>();
        rows.forEach(r -> m.computeIfAbsent(r.frame(), f -> new ArrayList<>()).add(r));
        return m;
    }

    /** The frames of either, in order. */
    public List<Integer> frames() {
        return List.copyOf(truth.keySet());
    }
}
