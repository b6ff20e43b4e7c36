package io.visionstreams.cli;

import io.visionstreams.eval.EvaluationSpec;
import io.visionstreams.eval.EvaluationSpecs;
import io.visionstreams.eval.tracking.TrackingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;

/**
 * The parts of {@code evaluate --help} that each task writes: picocli reads an option's description
 * from this bundle by its {@code descriptionKey} (key, then key.0, key.1, ... for several lines), so
 * that the help names every evaluation spec's ground truth without listing the tasks by hand.
 */
public final class EvaluateHelp extends ListResourceBundle {

    static final String GROUND_TRUTH = "ground-truth";

    @Override
    protected Object[][] getContents() {
        List<EvaluationSpec> specs = EvaluationSpecs.names().stream().map(EvaluationSpecs::of).toList();
        List<Object[]> lines = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            EvaluationSpec s = specs.get(i);
            lines.add(new Object[] {GROUND_TRUTH + "." + i,
                    s.task().configName() + ": " + s.groundTruthHelp() + ";"});
        }
        lines.add(new Object[] {GROUND_TRUTH + "." + specs.size(), TrackingRun.TASK + ": a MOTChallenge sequence folder"
                + " (gt/gt.txt; events.json and zones.json beside it are scored too) or a gt.txt."});
        return lines.toArray(Object[][]::new);
    }
}
