package io.visionstreams.eval.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code results.jsonl} read for tracking, straight from its JSON lines and nothing else (an
 * independent reading of the contract, not the tracker's own classes): per {@code source_id}, every
 * detection as a {@link TrackRow} (frame = {@code attributes.frame} + 1, box in pixels of
 * {@code image_width × image_height}, {@code track_id} a JSON number or null), and every
 * {@code "task": "object-events"} line. Other lines are skipped; a detection without
 * {@code attributes.frame} (not a video frame) or an event whose frame cannot be told fails the read
 * with its line number.
 *
 * @param sources per source id, in order of first appearance
 */
public record TrackingResults(Path file, Map<String, Source> sources) {

    public static final String EVENTS_TASK = "object-events";

    /** One source's detections and events; width and height of its frames in pixels. */
    public record Source(String id, List<TrackRow> rows, List<ObjectEventRow> events, int width, int height) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TrackingResults read(Path file) throws IOException {
        Map<String, List<TrackRow>> rows = new LinkedHashMap<>();
        Map<String, int[]> sizes = new HashMap<>();
        Map<String, Integer> frameOfEvent = new HashMap<>();
        List<JsonNode> eventLines = new ArrayList<>();
        List<Integer> eventLineNumbers = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode j = JSON.readTree(line);
                    String task = j.path("task").asText();
                    if (task.equals("detection")) {
                        int frame = detections(j, rows, sizes);
                        frameOfEvent.put(j.path("event_id").asText(), frame);
                    } else if (task.equals(EVENTS_TASK)) {
                        eventLines.add(j);
                        eventLineNumbers.add(n);
                    }
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + n + ": " + e.getMessage()); // the line, not the cause, is what helps
                }
            }
        }
        Map<String, List<ObjectEventRow>> events = new LinkedHashMap<>();
        for (int i = 0; i < eventLines.size(); i++) {
            try {
                ObjectEventRow e = event(eventLines.get(i), frameOfEvent);
                events.computeIfAbsent(e.sourceId(), k -> new ArrayList<>()).add(e);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " line " + eventLineNumbers.get(i) + ": " + e.getMessage());
            }
        }
        Map<String, Source> sources = new LinkedHashMap<>();
        rows.forEach((id, r) -> sources.put(id, new Source(id, r, events.getOrDefault(id, List.of()),
                sizes.get(id)[0], sizes.get(id)[1])));
        return new TrackingResults(file, sources);
    }

    /** The one source to score: {@code wanted}, or the only one there is. */
    public Source source(String wanted) throws IOException {
        if (wanted != null) {
            Source s = sources.get(wanted);
            if (s == null) {
                throw new IOException(file + " has no detections of source " + wanted + "; it has " + sources.keySet());
            }
            return s;
        }
        if (sources.size() != 1) {
            throw new IOException(file + " has detections of " + sources.size() + " sources " + sources.keySet()
                    + ": name one");
        }
        return sources.values().iterator().next();
    }

    private static int detections(JsonNode j, Map<String, List<TrackRow>> rows, Map<String, int[]> sizes)
            throws IOException {
        String source = required(j, "source_id").asText();
        JsonNode frameText = j.path("attributes").path("frame");
        if (frameText.isMissingNode() || frameText.isNull()) {
            throw new IOException("detection of " + j.path("event_id").asText() + " has no attributes.frame (not a video frame)");
        }
        int frame = Integer.parseInt(frameText.asText()) + 1;
        int width = required(j, "image_width").asInt();
        int height = required(j, "image_height").asInt();
        sizes.putIfAbsent(source, new int[] {width, height});
        List<TrackRow> list = rows.computeIfAbsent(source, k -> new ArrayList<>());
        for (JsonNode o : required(j, "objects")) {
            JsonNode b = required(o, "box");
            Box box = Box.ofCorners(b.path("x_min").asDouble() * width, b.path("y_min").asDouble() * height,
                    b.path("x_max").asDouble() * width, b.path("y_max").asDouble() * height);
            JsonNode t = o.path("track_id");
            Long track = t.isMissingNode() || t.isNull() ? null : trackId(t);
            list.add(new TrackRow(frame, track, box, o.path("label").asText(), o.path("score").asDouble()));
        }
        return frame;
    }

    private static ObjectEventRow event(JsonNode j, Map<String, Integer> frameOfEvent) throws IOException {
        String eventId = required(j, "event_id").asText();
        Integer frame = frameOfEvent.get(eventId);
        if (frame == null) {
            JsonNode attr = j.path("attributes").path("frame");
            if (attr.isMissingNode()) {
                throw new IOException("event names frame " + eventId + ", which has no detection line");
            }
            frame = Integer.parseInt(attr.asText()) + 1;
        }
        String name = j.hasNonNull("line") ? j.get("line").asText() : j.path("zone").asText(null);
        return new ObjectEventRow(required(j, "type").asText(), required(j, "source_id").asText(), eventId, frame,
                trackId(required(j, "track_id")), j.path("label").asText(), name, point(j.get("from_point")),
                point(j.get("to_point")));
    }

    /** A track id: a JSON integer (the contract), or a string of one. */
    private static long trackId(JsonNode t) throws IOException {
        if (t.isIntegralNumber()) {
            return t.asLong();
        }
        if (t.isTextual()) {
            try {
                return Long.parseLong(t.asText());
            } catch (NumberFormatException e) {
                throw new IOException("track_id " + t + " is not a number");
            }
        }
        throw new IOException("track_id " + t + " is not a number");
    }

    private static double[] point(JsonNode p) {
        return p == null || !p.isArray() || p.size() != 2 ? null : new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
    }

    private static JsonNode required(JsonNode j, String name) throws IOException {
        JsonNode v = j.get(name);
        if (v == null || v.isNull()) {
            throw new IOException("missing \"" + name + "\"");
        }
        return v;
    }
}
