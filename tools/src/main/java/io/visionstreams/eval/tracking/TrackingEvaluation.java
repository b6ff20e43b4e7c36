package io.visionstreams.eval.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tracker's output on one source scored against MOTChallenge ground truth: CLEAR-MOT, identity,
 * and (when there is an events ground truth and the tracker reports events) the object events.
 *
 * @param tracker what made the tracks: {@code results} (the tracker's own {@code track_id}s) or a baseline's name
 * @param events  null when not scored
 */
public record TrackingEvaluation(String tracker, String source, MotSequence sequence, ClearMot clear,
                                 IdentityScore identity, EventScore events) {

    public static TrackingEvaluation of(String tracker, String source, List<TruthRow> truth, List<TrackRow> rows,
                                        EventScore events) {
        MotSequence s = MotSequence.of(truth, rows);
        return new TrackingEvaluation(tracker, source, s, ClearMot.of(s), IdentityScore.of(s), events);
    }

    /** The headline metrics that are ratios in [0, 1] (or MOTA, at most 1); the others are counts. */
    public static final java.util.Set<String> RATIOS = java.util.Set.of("mota", "motp", "idf1", "idp", "idr",
            "event_precision", "event_recall");

    /** Formats a headline value: a ratio with 4 decimals, a count as an integer, NaN as "-". */
    public static String format(String key, Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return RATIOS.contains(key) ? String.format(java.util.Locale.ROOT, "%.4f", v) : Long.toString(v.longValue());
    }

    /** The headline metrics by their JSON names, in the order the views show them. */
    public Map<String, Double> headline() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mota", clear.mota());
        m.put("motp", clear.motp());
        m.put("idf1", identity.idf1());
        m.put("idp", identity.idp());
        m.put("idr", identity.idr());
        m.put("id_switches", (double) clear.idsw());
        m.put("fragmentations", (double) clear.frag());
        m.put("mostly_tracked", (double) clear.mostlyTracked());
        m.put("partly_tracked", (double) clear.partlyTracked());
        m.put("mostly_lost", (double) clear.mostlyLost());
        m.put("tp", (double) clear.tp());
        m.put("fp", (double) clear.fp());
        m.put("fn", (double) clear.fn());
        m.put("ignored", (double) sequence.ignored());
        m.put("objects", (double) sequence.truthIds().size());
        m.put("tracks", (double) sequence.trackIds().size());
        if (events != null) {
            m.put("event_precision", events.precision());
            m.put("event_recall", events.recall());
        }
        return m;
    }
}
