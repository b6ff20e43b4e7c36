package io.visionstreams.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Evaluations as JSON: the one-line headline ({@code --json}: the metrics, {@code frames},
 * {@code missing}) and the whole {@code metrics.json} of a report. NaN (nothing to score) is null.
 */
public final class MetricsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsJson() {}

    public static ObjectNode headline(TaskEvaluation e, Comparison comparison) {
        ObjectNode o = JSON.createObjectNode().put("task", e.task());
        e.headline().forEach((k, v) -> number(o, k, v));
        o.put("frames", e.frameCount()).put("missing", e.missing().size());
        if (comparison != null) {
            TaskEvaluation s = comparison.second();
            ObjectNode c = o.putObject("compare").put("results", s.source());
            s.headline().forEach((k, v) -> number(c, k, v));
            c.put("frames", s.frameCount()).put("missing", s.missing().size());
            ObjectNode d = c.putObject("delta");
            comparison.delta().forEach((k, v) -> number(d, k, v));
            c.put("disagreeing_frames", comparison.disagreements().size());
        }
        return o;
    }

    /** Everything of one or more evaluations (a comparison: both, and the differences). */
    public static ObjectNode full(List<TaskEvaluation> evaluations, List<Comparison> comparisons) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tasks = root.putArray("evaluations");
        for (TaskEvaluation e : evaluations) {
            ObjectNode t = headline(e, null);
            tasks.add(t);
            t.put("results", e.source()).put("model", e.model()).put("unscored", e.unscored());
            t.putPOJO("missing_events", e.missing());
            ArrayNode classes = t.putArray("classes");
            for (TaskEvaluation.ClassRow c : e.classes()) {
                ObjectNode row = classes.addObject().put("id", c.id()).put("name", c.name());
                number(row, "value", c.value());
                number(row, "value50", c.value50());
                row.put("support", c.support());
            }
            ArrayNode confusions = t.putArray("confusions");
            e.confusions().forEach(c -> confusions.addObject().put("truth", c.truth()).put("predicted", c.predicted())
                    .put("count", c.count()).put("share", c.share()));
            ArrayNode curves = t.putArray("precision_recall_iou50");
            e.curves().forEach(c -> curves.addObject().put("name", c.name()).putPOJO("recall", c.x())
                    .putPOJO("precision", c.y()));
            ArrayNode frames = t.putArray("frames");
            e.frames().forEach(f -> number(frames.addObject().put("event_id", f.eventId()), "score", f.score())
                    .put("summary", f.summary()));
            t.putPOJO("latency_ms", e.latencyMs());
        }
        ArrayNode cmp = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode o = cmp.addObject().put("task", c.first().task()).put("first", c.first().source())
                    .put("second", c.second().source());
            ObjectNode d = o.putObject("delta");
            c.delta().forEach((k, v) -> number(d, k, v));
            ObjectNode classes = o.putObject("classes");
            for (Map.Entry<String, double[]> e : c.classDelta().entrySet()) {
                ObjectNode row = classes.putObject(e.getKey());
                number(row, "first", e.getValue()[0]);
                number(row, "second", e.getValue()[1]);
            }
            ArrayNode frames = o.putArray("disagreements");
            c.disagreements().forEach(x -> frames.addObject().put("event_id", x.eventId()).put("size", x.size())
                    .put("first", x.first()).put("second", x.second()));
        }
        return root;
    }

    private static ObjectNode number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
        return o;
    }
}
