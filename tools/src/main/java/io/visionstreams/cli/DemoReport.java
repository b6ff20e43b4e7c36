package io.visionstreams.cli;

import io.visionstreams.avro.Detections;

import io.visionstreams.client.AnnotatedPreview;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultsWriter;
import io.visionstreams.client.ZoneOverlays;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.Overlay;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.tracking.ZoneSet;
import io.visionstreams.tracking.ZonesJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's outputs. In: the outcomes read back, in arrival order. Out: {@code results.jsonl},
 * label-map PNGs under {@code masks/}, annotated previews under {@code annotated/} and a table for
 * people. Each event's files are named as {@link ResultsWriter} names its mask; {@link #write} comes first.
 */
final class DemoReport {

    static final String MASKS = ResultsWriter.MASKS;
    static final String ANNOTATED = "annotated";

    private final List<Outcome> outcomes = new ArrayList<>();
    private ResultsWriter files;

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    /** Writes results.jsonl (one line per outcome, in arrival order) and the masks. */
    void write(Path out) throws IOException {
        files = new ResultsWriter(out);
        try (ResultsWriter w = files) {
            for (Outcome o : outcomes) {
                w.write(o);
            }
        }
    }

    /**
     * Writes {@code annotated/<name>.png} for every event with a result its task draws
     * ({@code TaskSpec.overlay}: detections, segmentation), decoding its file again with {@code decoder};
     * returns the folder.
     *
     * @throws IOException when a file no longer decodes (it changed since it was sent)
     */
    Path writePreviews(Path out, Map<String, Path> filesByEvent, ImageDecoder decoder, Map<String, ZoneSet> zones)
            throws IOException {
        Path folder = Files.createDirectories(out.resolve(ANNOTATED));
        Map<String, Map<VisionTask, Overlay>> drawnByEvent = new HashMap<>(); // per event, in task order
        Map<String, String> sourceByEvent = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.record() instanceof Detections d) {
                sourceByEvent.put(d.getEventId(), d.getSourceId());
            }
            TaskSpecs.ofRecord(o.record()).ifPresent(spec -> spec.overlayOf(o.record()).ifPresent(overlay ->
                    drawnByEvent.computeIfAbsent(o.eventId(), k -> new EnumMap<>(VisionTask.class))
                            .put(spec.task(), overlay)));
        }
        for (Map.Entry<String, Path> e : filesByEvent.entrySet()) {
            Map<VisionTask, Overlay> drawn = drawnByEvent.get(e.getKey());
            if (drawn == null) {
                continue;
            }
            List<Overlay> overlays = new ArrayList<>();
            String source = sourceByEvent.get(e.getKey());
            if (source != null) { // the zones file's zones (a vision.zones record the demo does not read)
                overlays.add(ZoneOverlays.of(ZonesJson.forSource(zones, source)));
            }
            overlays.addAll(drawn.values());
            AnnotatedPreview.writePng(AnnotatedPreview.drawOverlays(decode(decoder, e.getValue()), overlays),
                    folder.resolve(fileName(e.getKey())));
        }
        return folder;
    }

    /** One row per event; see {@link DemoTable}. */
    void printTable(PrintWriter out, List<String> eventIds, List<String> tasks) {
        DemoTable.print(out, outcomes, eventIds, tasks);
    }

    static String safeName(String eventId) {
        return ResultsWriter.safeName(eventId);
    }

    /** The event's file name, the same as its mask's (written first by {@link #write}). */
    private String fileName(String eventId) {
        return files.fileName(eventId);
    }

    private static RgbImage decode(ImageDecoder decoder, Path file) throws IOException {
        try {
            return decoder.decode(Files.readAllBytes(file));
        } catch (DecodeException e) {
            throw new IOException(file + " no longer decodes: " + e.getMessage(), e);
        }
    }

}
