package io.visionstreams.eval.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evaluate --task tracking}: one source of a {@code results.jsonl} scored against a MOTChallenge
 * sequence folder ({@code gt/gt.txt}; beside it, optionally, {@code events.json} and the
 * {@code zones.json} the events were made with), and the greedy IoU baseline re-run on the same
 * detections, scored the same way.
 *
 * @param evaluations the tracker's first, then the baseline's (when asked for)
 */
public record TrackingRun(Path results, Path groundTruth, List<TrackingEvaluation> evaluations) {

    public static final String TASK = "tracking";
    public static final String EVENTS_FILE = "events.json";
    public static final String ZONES_FILE = "zones.json";

    public static TrackingRun evaluate(Path resultsFile, Path groundTruth, String sourceId, boolean baseline,
                                       int tolerance) throws IOException {
        Path gtTxt = MotTruth.file(groundTruth);
        List<TruthRow> truth = MotTruth.read(gtTxt);
        Path folder = sequenceFolder(groundTruth, gtTxt);
        TrackingResults.Source source = TrackingResults.read(resultsFile).source(sourceId);
        EventScore events = null;
        Path eventsFile = folder.resolve(EVENTS_FILE);
        if (Files.isRegularFile(eventsFile)) {
            Path zones = folder.resolve(ZONES_FILE);
            ZonesFile.Geometry geometry = Files.isRegularFile(zones) ? ZonesFile.read(zones, source.id())
                    : new ZonesFile.Geometry(List.of(), List.of());
            events = EventScore.of(EventTruth.read(eventsFile), source.events(), geometry, truth, source.rows(),
                    tolerance);
        }
        List<TrackingEvaluation> out = new ArrayList<>();
        out.add(TrackingEvaluation.of("results", source.id(), truth, source.rows(), events));
        if (baseline) {
            out.add(TrackingEvaluation.of(GreedyIouTracker.NAME, source.id(), truth,
                    GreedyIouTracker.track(source.rows()), null));
        }
        return new TrackingRun(resultsFile, groundTruth, out);
    }

    /** The sequence folder: the ground-truth folder itself, or the one above {@code gt/gt.txt}. */
    private static Path sequenceFolder(Path groundTruth, Path gtTxt) {
        if (Files.isDirectory(groundTruth)) {
            return groundTruth;
        }
        Path parent = gtTxt.toAbsolutePath().getParent();
        return parent.getFileName() != null && parent.getFileName().toString().equals("gt") ? parent.getParent() : parent;
    }
}
