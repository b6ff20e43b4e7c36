package io.visionstreams.eval.tracking;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CLEAR-MOT (Bernardin and Stiefelhagen 2008) as TrackEval's {@code clear.py} computes it. On each
 * frame ground truth and tracker boxes are matched one-to-one at IoU ≥ 0.5, a pair that continues
 * the previous frame's match first (score 1000 + IoU), then by IoU (Hungarian). Then:
 * <ul>
 * <li>an ID switch is a ground-truth object matched to a track other than the one it was last matched to (any frame before);
 * <li>a fragmentation is each time an object's tracked run starts again after its first (runs − 1, summed);
 * <li>MOTA = 1 − (FN + FP + IDSW) / ground-truth boxes; MOTP = mean IoU of the matches;
 * <li>an object is mostly tracked when matched on more than 80% of its frames, mostly lost under 20%.
 * </ul>
 *
 * @param matches per ground-truth id, per frame it is present: the track matched to it, or null
 */
public record ClearMot(int tp, int fn, int fp, int idsw, int frag, int mostlyTracked, int partlyTracked,
                       int mostlyLost, double iouSum, Map<Long, Map<Integer, Long>> matches) {

    public double mota() {
        return 1 - (double) (fn + fp + idsw) / Math.max(1, tp + fn);
    }

    public double motp() {
        return iouSum / Math.max(1, tp);
    }

    public static ClearMot of(MotSequence s) {
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int idsw = 0;
        double iouSum = 0;
        Map<Long, Long> lastTrack = new HashMap<>();
        Map<Long, Long> previousFrameTrack = new HashMap<>();
        Map<Long, Integer> runs = new HashMap<>();
        Map<Long, Map<Integer, Long>> matches = new LinkedHashMap<>();
        for (int f : s.frames()) {
            List<TruthRow> gt = s.truth().get(f);
            List<TrackRow> tr = s.tracks().get(f);
            double[][] score = new double[gt.size()][tr.size()];
            for (int g = 0; g < gt.size(); g++) {
                for (int t = 0; t < tr.size(); t++) {
                    double iou = gt.get(g).box().iou(tr.get(t).box());
                    boolean continues = tr.get(t).trackId().equals(previousFrameTrack.get(gt.get(g).id()));
                    score[g][t] = iou >= MotSequence.MATCH_IOU ? (continues ? 1000 : 0) + iou : 0;
                }
            }
            int[] match = MotSequence.assignPositive(score);
            Map<Long, Long> thisFrame = new HashMap<>();
            for (int g = 0; g < gt.size(); g++) {
                long id = gt.get(g).id();
                Long track = match[g] >= 0 ? tr.get(match[g]).trackId() : null;
                matches.computeIfAbsent(id, k -> new TreeMap<>()).put(f, track);
                if (track == null) {
                    fn++;
                    continue;
                }
                tp++;
                iouSum += gt.get(g).box().iou(tr.get(match[g]).box());
                Long last = lastTrack.put(id, track);
                if (last != null && !last.equals(track)) {
                    idsw++;
                }
                if (!previousFrameTrack.containsKey(id)) {
                    runs.merge(id, 1, Integer::sum);
                }
                thisFrame.put(id, track);
            }
            fp += tr.size() - thisFrame.size();
            previousFrameTrack = thisFrame;
        }
        int mt = 0;
        int pt = 0;
        int ml = 0;
        for (Map<Integer, Long> m : matches.values()) {
            double ratio = m.values().stream().filter(x -> x != null).count() / (double) m.size();
            if (ratio > 0.8) {
                mt++;
            } else if (ratio >= 0.2) {
                pt++;
            } else {
                ml++;
            }
        }
        int frag = runs.values().stream().mapToInt(r -> r - 1).sum();
        return new ClearMot(tp, fn, fp, idsw, frag, mt, pt, ml, iouSum, matches);
    }
}
