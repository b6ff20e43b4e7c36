package io.visionstreams.eval.tracking;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity measures of Ristani et al. (2016), as TrackEval's {@code identity.py} computes them:
 * each ground-truth trajectory is paired with at most one track for the whole sequence, by a global
 * min-cost bipartite matching that maximizes the frames on which the pair's boxes overlap at
 * IoU ≥ 0.5 (every overlapping pair of a frame counts, not only one-to-one ones). IDTP is that
 * maximum; IDFN = ground-truth boxes − IDTP, IDFP = tracker boxes − IDTP;
 * IDF1 = 2·IDTP / (2·IDTP + IDFP + IDFN), IDP = IDTP / tracker boxes, IDR = IDTP / ground-truth boxes.
 *
 * @param truthOfTrack the pairing: track id → ground-truth id
 */
public record IdentityScore(int idtp, int idfp, int idfn, Map<Long, Long> truthOfTrack) {

    public double idf1() {
        return 2.0 * idtp / Math.max(1, 2 * idtp + idfp + idfn);
    }

    public double idp() {
        return (double) idtp / Math.max(1, idtp + idfp);
    }

    public double idr() {
        return (double) idtp / Math.max(1, idtp + idfn);
    }

    public static IdentityScore of(MotSequence s) {
        List<Long> gtIds = s.truthIds();
        List<Long> trIds = s.trackIds();
        Map<Long, Integer> gtIndex = index(gtIds);
        Map<Long, Integer> trIndex = index(trIds);
        double[][] overlap = new double[gtIds.size()][trIds.size()];
        int gtBoxes = 0;
        int trBoxes = 0;
        for (int f : s.frames()) {
            List<TruthRow> gt = s.truth().get(f);
            List<TrackRow> tr = s.tracks().get(f);
            gtBoxes += gt.size();
            trBoxes += tr.size();
            for (TruthRow g : gt) {
                for (TrackRow t : tr) {
                    if (g.box().iou(t.box()) >= MotSequence.MATCH_IOU) {
                        overlap[gtIndex.get(g.id())][trIndex.get(t.trackId())]++;
                    }
                }
            }
        }
        int[] pair = MotSequence.assignPositive(overlap);
        int idtp = 0;
        Map<Long, Long> truthOfTrack = new LinkedHashMap<>();
        for (int g = 0; g < pair.length; g++) {
            if (pair[g] >= 0) {
                idtp += (int) overlap[g][pair[g]];
                truthOfTrack.put(trIds.get(pair[g]), gtIds.get(g));
            }
        }
        return new IdentityScore(idtp, trBoxes - idtp, gtBoxes - idtp, truthOfTrack);
    }

    private static Map<Long, Integer> index(List<Long> ids) {
        Map<Long, Integer> m = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            m.put(ids.get(i), i);
        }
        return m;
    }
}
