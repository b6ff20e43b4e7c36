package io.visionstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.client.AnnotatedPreview;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultsJson;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.results.Serdes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's outputs. In: the outcomes read back, in arrival order. Out: {@code results.jsonl},
 * label-map PNGs under {@code masks/}, annotated previews under {@code annotated/} and a table for
 * people. Each event's files are named {@link #safeName} of its id ({@code .png} appended), made
 * unique should two ids differ only in characters that name replaces.
 */
final class DemoReport {

    static final String MASKS = "masks";
    static final String ANNOTATED = "annotated";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, String> fileNames = new HashMap<>();
    private final Set<String> takenNames = new HashSet<>();

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    /** Writes results.jsonl (one line per outcome, in arrival order) and the masks. */
    void write(Path out) throws IOException {
        Files.createDirectories(out.resolve(MASKS));
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"))) {
            for (Outcome o : outcomes) {
                String maskFile = null;
                if (o.record() instanceof Segmentation s) {
                    maskFile = MASKS + "/" + fileName(s.getEventId());
                    Files.write(out.resolve(maskFile), Serdes.bytes(s.getMaskPng()));
                }
                w.write(MAPPER.writeValueAsString(ResultsJson.toJson(o, maskFile)));
                w.newLine();
            }
        }
    }

    /**
     * Writes {@code annotated/<name>.png} for every event with a detection or segmentation result,
     * decoding its file again with {@code decoder}; returns the folder.
     *
     * @throws IOException when a file no longer decodes (it changed since it was sent)
     */
    Path writePreviews(Path out, Map<String, Path> filesByEvent, ImageDecoder decoder) throws IOException {
        Path folder = Files.createDirectories(out.resolve(ANNOTATED));
        Map<String, Detections> detections = new LinkedHashMap<>();
        Map<String, Segmentation> segmentations = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.record() instanceof Detections d) {
                detections.put(d.getEventId(), d);
            } else if (o.record() instanceof Segmentation s) {
                segmentations.put(s.getEventId(), s);
            }
        }
        for (Map.Entry<String, Path> e : filesByEvent.entrySet()) {
            Detections d = detections.get(e.getKey());
            Segmentation s = segmentations.get(e.getKey());
            if (d == null && s == null) {
                continue;
            }
            AnnotatedPreview.writePng(AnnotatedPreview.draw(decode(decoder, e.getValue()), s, d),
                    folder.resolve(fileName(e.getKey())));
        }
        return folder;
    }

    /** One row per event; see {@link DemoTable}. */
    void printTable(PrintWriter out, List<String> eventIds, List<String> tasks) {
        DemoTable.print(out, outcomes, eventIds, tasks);
    }

    static String safeName(String eventId) {
        return eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The event's file name: its safe name, with a counter when another event already has it. */
    private String fileName(String eventId) {
        return fileNames.computeIfAbsent(eventId, id -> {
            String base = safeName(id);
            String name = base;
            for (int n = 2; !takenNames.add(name); n++) {
                name = base + "-" + n;
            }
            return name + ".png";
        });
    }

    private static RgbImage decode(ImageDecoder decoder, Path file) throws IOException {
        try {
            return decoder.decode(Files.readAllBytes(file));
        } catch (DecodeException e) {
            throw new IOException(file + " no longer decodes: " + e.getMessage(), e);
        }
    }

}
