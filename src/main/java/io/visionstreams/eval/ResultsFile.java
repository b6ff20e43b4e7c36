package io.visionstreams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.client.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code results.jsonl} contract ({@link io.visionstreams.client.ResultsJson} writes it)
 * back into Avro records: one JSON object per line, {@code "task"} first; a segmentation's mask is
 * read from its {@code mask_file}, relative to the results file's folder. A line that does not
 * follow the contract fails the read with its line number.
 */
final class ResultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFile() {}

    static ResultSet read(Path file) throws IOException {
        ResultSet set = new ResultSet(file.toString());
        Path folder = file.toAbsolutePath().getParent();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    parse(JSON.readTree(line), folder, set);
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return set;
    }

    private static void parse(JsonNode j, Path folder, ResultSet set) throws IOException {
        String task = text(j, "task");
        switch (task) {
            case "classification" -> set.addResult(classification(j));
            case "detection" -> set.addResult(detections(j));
            case "segmentation" -> set.addResult(segmentation(j, folder));
            case Outcome.TAGS -> { } // a join of the results above: nothing of its own to evaluate
            case Outcome.DEAD_LETTER -> set.addFailure(new ResultSet.Failure(
                    j.path("event_id").isTextual() ? j.get("event_id").asText() : null,
                    j.path("failed_task").isTextual() ? j.get("failed_task").asText() : null,
                    text(j, "stage"), text(j, "reason")));
            default -> throw new IOException("unknown task \"" + task + "\"");
        }
    }

    private static Classification classification(JsonNode j) throws IOException {
        List<ClassScore> top = new ArrayList<>();
        for (JsonNode s : array(j, "top_k")) {
            top.add(new ClassScore(integer(s, "index"), text(s, "label"), (float) number(s, "score")));
        }
        return Classification.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setTopK(top).setTiming(timing(j)).build();
    }

    private static Detections detections(JsonNode j) throws IOException {
        List<DetectedObject> objects = new ArrayList<>();
        for (JsonNode o : array(j, "objects")) {
            JsonNode b = field(o, "box");
            objects.add(new DetectedObject(integer(o, "class_id"), text(o, "label"), (float) number(o, "score"),
                    new BoundingBox((float) number(b, "x_min"), (float) number(b, "y_min"),
                            (float) number(b, "x_max"), (float) number(b, "y_max"))));
        }
        return Detections.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setImageWidth(integer(j, "image_width"))
                .setImageHeight(integer(j, "image_height")).setObjects(objects).setTiming(timing(j)).build();
    }

    private static Segmentation segmentation(JsonNode j, Path folder) throws IOException {
        List<ClassFraction> classes = new ArrayList<>();
        for (JsonNode c : array(j, "classes")) {
            classes.add(new ClassFraction(integer(c, "index"), text(c, "label"), (float) number(c, "fraction")));
        }
        Path mask = folder.resolve(text(j, "mask_file"));
        byte[] png;
        try {
            png = Files.readAllBytes(mask);
        } catch (NoSuchFileException e) {
            throw new IOException("mask file " + mask + " does not exist", e);
        }
        return Segmentation.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setMaskWidth(integer(j, "mask_width"))
                .setMaskHeight(integer(j, "mask_height")).setMaskPng(ByteBuffer.wrap(png)).setClasses(classes)
                .setTiming(timing(j)).build();
    }

    private static ModelRef model(JsonNode j) throws IOException {
        JsonNode m = field(j, "model");
        return new ModelRef(text(m, "name"), text(m, "version"), text(m, "engine"), text(m, "device"));
    }

    private static Timing timing(JsonNode j) throws IOException {
        JsonNode t = field(j, "timing");
        return new Timing(number(t, "queue_ms"), number(t, "inference_ms"), integer(t, "batch_size"));
    }

    private static Instant capturedAt(JsonNode j) throws IOException {
        return Instant.ofEpochMilli(field(j, "captured_at").asLong());
    }

    private static JsonNode field(JsonNode j, String name) throws IOException {
        JsonNode v = j.get(name);
        if (v == null || v.isNull()) {
            throw new IOException("missing \"" + name + "\"");
        }
        return v;
    }

    private static JsonNode array(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isArray()) {
            throw new IOException("\"" + name + "\" is not an array");
        }
        return v;
    }

    private static String text(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isTextual()) {
            throw new IOException("\"" + name + "\" is not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isNumber()) {
            throw new IOException("\"" + name + "\" is not a number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IOException("\"" + name + "\" is not an integer");
        }
        return v.asInt();
    }
}
