package io.visionstreams.eval;

import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classifications against true labels: top-1 accuracy (the first of {@code top_k} is the true
 * class) and top-5 accuracy (the true class among the first five of {@code top_k}; results that
 * publish fewer classes are scored on those), per class top-1 accuracy, and the most frequent
 * (true, predicted) pairs among top-1 errors.
 */
public final class ClassificationEvaluator {

    private static final int TOP5 = 5;

    private ClassificationEvaluator() {}

    public static TaskEvaluation evaluate(ResultSet results, ClassificationGroundTruth truth) {
        Map<String, Classification> byEvent = results.classifications();
        GroundTruthMatch match = truth.match(byEvent.keySet());
        int top1 = 0;
        int top5 = 0;
        Map<Integer, long[]> perClass = new TreeMap<>(); // [frames, correct]
        Map<String, Long> confused = new HashMap<>();
        List<TaskEvaluation.Frame> frames = new ArrayList<>();
        for (String event : match.eventByKey().values()) {
            int label = truth.labels().get(event);
            List<ClassScore> top = byEvent.get(event).getTopK();
            boolean first = !top.isEmpty() && top.get(0).getIndex() == label;
            boolean inFive = top.stream().limit(TOP5).anyMatch(s -> s.getIndex() == label);
            top1 += first ? 1 : 0;
            top5 += inFive ? 1 : 0;
            long[] c = perClass.computeIfAbsent(label, k -> new long[2]);
            c[0]++;
            c[1] += first ? 1 : 0;
            String predicted = top.isEmpty() ? "(none)" : truth.name(top.get(0).getIndex());
            if (!first) {
                confused.merge(label + "\t" + predicted, 1L, Long::sum);
            }
            frames.add(new TaskEvaluation.Frame(event, first ? 1 : 0, "truth " + truth.name(label) + ", top-1 "
                    + predicted + (first ? "" : inFive ? " (truth in top-5)" : " (truth not in top-5)")));
        }
        int n = frames.size();
        Map<String, Double> headline = new LinkedHashMap<>();
        headline.put("top1", n == 0 ? Double.NaN : (double) top1 / n);
        headline.put("top5", n == 0 ? Double.NaN : (double) top5 / n);
        List<TaskEvaluation.ClassRow> classes = new ArrayList<>();
        perClass.forEach((id, c) -> classes.add(new TaskEvaluation.ClassRow(id, truth.name(id),
                (double) c[1] / c[0], Double.NaN, c[0])));
        List<TaskEvaluation.Confusion> confusions = new ArrayList<>();
        confused.forEach((pair, count) -> {
            int id = Integer.parseInt(pair.substring(0, pair.indexOf('\t')));
            confusions.add(new TaskEvaluation.Confusion(truth.name(id), pair.substring(pair.indexOf('\t') + 1),
                    count, (double) count / perClass.get(id)[0]));
        });
        confusions.sort(Comparator.comparingLong(TaskEvaluation.Confusion::count).reversed()
                .thenComparing(TaskEvaluation.Confusion::truth));
        return new TaskEvaluation("classification", results.source(), results.model("classification"), headline,
                match.missing(), byEvent.size() - n, classes, confusions, List.of(), frames,
                results.latenciesMs("classification"),
                id -> truth.labels().containsKey(id) ? truth.name(truth.labels().get(id)) : null, results);
    }
}
