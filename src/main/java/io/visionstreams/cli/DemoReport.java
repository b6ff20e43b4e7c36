package io.visionstreams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultsJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's outputs: {@code results.jsonl}, label-map PNGs under {@code masks/}, and a table for people. */
final class DemoReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Outcome> outcomes = new ArrayList<>();

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    /** Writes results.jsonl (one line per outcome, in arrival order) and the masks. */
    void write(Path out) throws IOException {
        Files.createDirectories(out.resolve("masks"));
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("results.jsonl"))) {
            for (Outcome o : outcomes) {
                String maskFile = null;
                if (o.record() instanceof Segmentation s) {
                    maskFile = "masks/" + safeName(s.getEventId()) + ".png";
                    Files.write(out.resolve(maskFile), bytes(s.getMaskPng()));
                }
                w.write(MAPPER.writeValueAsString(ResultsJson.toJson(o, maskFile)));
                w.newLine();
            }
        }
    }

    /** One row per event: top class, objects found, classes segmented, or the dead letter's reason. */
    void printTable(PrintWriter out, List<String> eventIds) {
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        eventIds.forEach(id -> cells.put(id, new LinkedHashMap<>()));
        for (Outcome o : outcomes) {
            Map<String, String> row = cells.get(o.eventId());
            if (row == null) {
                continue;
            }
            if (o.record() instanceof Classification c && !c.getTopK().isEmpty()) {
                row.put("classification", String.format("%s %.2f", c.getTopK().get(0).getLabel(), c.getTopK().get(0).getScore()));
            } else if (o.record() instanceof Detections d) {
                row.put("detection", d.getObjects().isEmpty() ? "-" : d.getObjects().stream().limit(3)
                        .map(x -> String.format("%s %.2f", x.getLabel(), x.getScore())).collect(Collectors.joining(", "))
                        + (d.getObjects().size() > 3 ? " +" + (d.getObjects().size() - 3) : ""));
            } else if (o.record() instanceof Segmentation s) {
                row.put("segmentation", s.getClasses().stream().filter(c -> c.getIndex() != 0).limit(3)
                        .map(c -> String.format("%s %.0f%%", c.getLabel(), 100 * c.getFraction()))
                        .collect(Collectors.joining(", ")));
            } else if (o.record() instanceof DeadLetter dl) {
                String task = dl.getTask() == null ? "dead letter" : dl.getTask();
                row.put(task, dl.getStage() + " " + dl.getReason());
            }
        }
        String format = "%-28s %-34s %-44s %-34s%n";
        out.printf(format, "event", "classification", "detection", "segmentation / dead letter");
        for (Map.Entry<String, Map<String, String>> e : cells.entrySet()) {
            Map<String, String> row = e.getValue();
            String last = row.getOrDefault("segmentation", row.getOrDefault("dead letter", ""));
            out.printf(format, clip(e.getKey(), 28), clip(row.getOrDefault("classification",
                    row.getOrDefault("dead letter", "")), 34), clip(row.getOrDefault("detection", ""), 44), clip(last, 34));
        }
        out.flush();
    }

    static String safeName(String eventId) {
        return eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
