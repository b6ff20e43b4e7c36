package io.visionstreams.eval.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tracking run for people (the metrics side by side, the baseline comparison, the events found,
 * missed and false) and as one JSON line ({@code --json}).
 */
public final class TrackingText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 20;

    private TrackingText() {}

    public static void print(PrintWriter out, TrackingRun run) {
        List<TrackingEvaluation> all = run.evaluations();
        TrackingEvaluation first = all.get(0);
        out.printf(Locale.ROOT, "tracking — source %s (%s) against %s%n", first.source(), run.results(), run.groundTruth());
        out.printf(Locale.ROOT, "  %d frames, %d objects; %d tracker boxes on flag-0 objects ignored%n",
                first.sequence().frames().size(), first.sequence().truthIds().size(), first.sequence().ignored());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-16s", "metric"));
        all.forEach(e -> header.append(String.format(Locale.ROOT, " %12s", e.tracker())));
        out.println(header);
        for (String key : first.headline().keySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-16s", key));
            for (TrackingEvaluation e : all) {
                row.append(String.format(Locale.ROOT, " %12s", TrackingEvaluation.format(key, e.headline().get(key))));
            }
            out.println(row);
        }
        if (all.size() > 1) {
            DoneWhen d = DoneWhen.of(first, all.get(1));
            out.printf(Locale.ROOT, "  against %s: IDF1 %+.4f (needs ≥ +0.10: %s), ID switches %d vs %d (needs ≤ half: %s),"
                            + " MOTA %+.4f (needs ≥ 0: %s)%n", all.get(1).tracker(), d.idf1Gain(), yes(d.idf1Ok()),
                    first.clear().idsw(), all.get(1).clear().idsw(), yes(d.switchesOk()), d.motaGain(), yes(d.motaOk()));
        }
        EventScore ev = first.events();
        if (ev != null) {
            out.printf(Locale.ROOT, "  events (within %d frames): %d expected, %d reported, %d found;"
                    + " precision %.4f, recall %.4f%n", ev.tolerance(), ev.truth().size(), ev.reported(),
                    ev.matches().size(), ev.precision(), ev.recall());
            ev.matches().stream().limit(ROWS).forEach(m -> out.printf(Locale.ROOT,
                    "    found   %-13s %-8s object %d frame %d: track %d frame %d%n", m.truth().type(), m.truth().name(),
                    m.truth().gtId(), m.truth().frame(), m.reported().trackId(), m.reported().frame()));
            ev.missed().stream().limit(ROWS).forEach(t -> out.printf(Locale.ROOT,
                    "    missed  %-13s %-8s object %d frame %d%s%n", t.type(), t.name(), t.gtId(), t.frame(),
                    t.crossing() ? " (" + t.fromSide() + " to " + t.toSide() + ")" : ""));
            ev.spurious().stream().limit(ROWS).forEach(s -> out.printf(Locale.ROOT,
                    "    false   %-13s %-8s track %d frame %d: %s%n", s.reported().type(), s.reported().name(),
                    s.reported().trackId(), s.reported().frame(), s.reason()));
        } else {
            out.println("  events: no events.json beside the ground truth, not scored");
        }
        out.flush();
    }

    /** {@code {"task":"tracking","source",<tracker>: {metrics}, ..., "done_when": {...}}}; NaN as null. */
    public static ObjectNode json(TrackingRun run) {
        ObjectNode o = JSON.createObjectNode().put("task", TrackingRun.TASK);
        List<TrackingEvaluation> all = run.evaluations();
        o.put("source", all.get(0).source());
        for (TrackingEvaluation e : all) {
            ObjectNode m = o.putObject(e.tracker());
            for (Map.Entry<String, Double> x : e.headline().entrySet()) {
                if (x.getValue().isNaN()) {
                    m.putNull(x.getKey());
                } else {
                    m.put(x.getKey(), x.getValue());
                }
            }
        }
        if (all.size() > 1) {
            DoneWhen d = DoneWhen.of(all.get(0), all.get(1));
            o.putObject("against_baseline").put("idf1_gain", d.idf1Gain()).put("idf1_ok", d.idf1Ok())
                    .put("switches_ok", d.switchesOk()).put("mota_gain", d.motaGain()).put("mota_ok", d.motaOk());
        }
        return o;
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    /** The bar against the baseline: IDF1 at least 0.1 higher, at most half its ID switches, MOTA not lower. */
    record DoneWhen(double idf1Gain, boolean idf1Ok, boolean switchesOk, double motaGain, boolean motaOk) {

        static DoneWhen of(TrackingEvaluation tracker, TrackingEvaluation baseline) {
            double idf1 = tracker.identity().idf1() - baseline.identity().idf1();
            double mota = tracker.clear().mota() - baseline.clear().mota();
            return new DoneWhen(idf1, idf1 >= 0.1 - 1e-12, 2 * tracker.clear().idsw() <= baseline.clear().idsw(), mota,
                    mota >= -1e-12);
        }
    }
}
