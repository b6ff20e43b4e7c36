package io.visionstreams.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Stage;
import io.visionstreams.avro.Timing;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultsJson;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Writes small {@code results.jsonl} files through the contract's own writer ({@link ResultsJson}), for tests. */
final class ResultsFileWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final ModelRef MODEL = new ModelRef("test-model", "0123456789ab", "MXNet 1.9.0", "cpu()");

    private final Path folder;
    private final List<String> lines = new ArrayList<>();

    ResultsFileWriter(Path folder) {
        this.folder = folder;
    }

    /** top: class indices, most probable first. */
    ResultsFileWriter classification(String eventId, int... top) {
        List<ClassScore> scores = new ArrayList<>();
        for (int i = 0; i < top.length; i++) {
            scores.add(new ClassScore(top[i], "class " + top[i], 0.5f / (i + 1)));
        }
        return add("classification", Classification.newBuilder().setEventId(eventId).setSourceId("cam")
                .setCapturedAt(Instant.ofEpochMilli(1000)).setModel(MODEL).setTopK(scores).setTiming(timing(12)).build(),
                null);
    }

    /** objects: {classId, score, xMin, yMin, xMax, yMax} normalized. */
    ResultsFileWriter detections(String eventId, int width, int height, double[]... objects) {
        List<DetectedObject> list = new ArrayList<>();
        for (double[] o : objects) {
            list.add(new DetectedObject((int) o[0], "class " + (int) o[0], (float) o[1],
                    new BoundingBox((float) o[2], (float) o[3], (float) o[4], (float) o[5]), null));
        }
        return add("detection", Detections.newBuilder().setEventId(eventId).setSourceId("cam")
                .setCapturedAt(Instant.ofEpochMilli(1000)).setModel(MODEL).setImageWidth(width).setImageHeight(height)
                .setObjects(list).setTiming(timing(20)).build(), null);
    }

    ResultsFileWriter segmentation(String eventId, LabelMap mask) throws IOException {
        Files.createDirectories(folder.resolve("masks"));
        String file = "masks/" + eventId + ".png";
        byte[] png = LabelMapPng.encode(mask);
        Files.write(folder.resolve(file), png);
        return add("segmentation", Segmentation.newBuilder().setEventId(eventId).setSourceId("cam")
                .setCapturedAt(Instant.ofEpochMilli(1000)).setModel(MODEL).setMaskWidth(mask.width())
                .setMaskHeight(mask.height()).setMaskPng(ByteBuffer.wrap(png))
                .setClasses(List.of(new ClassFraction(0, "background", 1f))).setTiming(timing(30)).build(), file);
    }

    ResultsFileWriter deadLetter(String eventId, String task) {
        return add(Outcome.DEAD_LETTER, DeadLetter.newBuilder().setEventId(eventId).setSourceTopic("vision.image-events")
                .setPartition(0).setOffset(7).setFailedAt(Instant.ofEpochMilli(2000)).setStage(Stage.DECODE)
                .setReason("UNKNOWN_FORMAT").setMessage("not an image").setTask(task).build(), null);
    }

    Path write(String name) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private ResultsFileWriter add(String task, SpecificRecord record, String maskFile) {
        Object id = ((org.apache.avro.generic.GenericRecord) record).get("event_id");
        Outcome o = new Outcome(task, id == null ? null : id.toString(), record, "t", 0, 0, null, 0);
        try {
            lines.add(JSON.writeValueAsString(ResultsJson.toJson(o, maskFile)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    private static Timing timing(double inferenceMs) {
        return new Timing(3.0, inferenceMs, 2);
    }
}
