package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --task tracking} on a results.jsonl written here line by line as the contract
 * describes it, against a three-frame MOTChallenge folder; the expected numbers are counted in the comments.
 */
class EvaluateTrackingCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String detection(int frame, String objects) {
        return "{\"task\":\"detection\",\"event_id\":\"cam/" + frame + "\",\"source_id\":\"cam\",\"captured_at\":"
                + (1000 + 100 * frame) + ",\"image_width\":100,\"image_height\":100,\"objects\":[" + objects
                + "],\"attributes\":{\"video\":\"seq.mp4\",\"frame\":\"" + frame + "\"}}";
    }

    private static String object(Object trackId, double x, double y) {
        return "{\"class_id\":1,\"label\":\"person\",\"score\":0.9,\"box\":{\"x_min\":" + x + ",\"y_min\":" + y
                + ",\"x_max\":" + (x + 0.2) + ",\"y_max\":" + (y + 0.2) + "},\"track_id\":" + trackId + "}";
    }

    @Test
    void scoresTrackIdsAndEventsOfResultsJsonlBesideTheGreedyBaseline() throws Exception {
        // given: object 1 at (10,10) 20 × 20 px on frames 1-3; object 2 (flag 0) at (60,60) on frame 1
        Files.createDirectories(dir.resolve("seq/gt"));
        Files.writeString(dir.resolve("seq/gt/gt.txt"), """
                1,1,10,10,20,20,1,1,1
                2,1,10,10,20,20,1,1,1
                3,1,10,10,20,20,1,1,1
                1,2,60,60,20,20,0,59,1
                """);
        Files.writeString(dir.resolve("seq/zones.json"),
                "{\"sources\":{\"*\":{\"zones\":[],\"lines\":[{\"name\":\"gate\",\"points\":[[0.3,1],[0.3,0]]}]}}}");
        Files.writeString(dir.resolve("seq/events.json"),
                "[{\"type\":\"line_crossed\",\"line\":\"gate\",\"gt_id\":1,\"frame\":2,\"from_side\":\"left\",\"to_side\":\"right\"}]");
        // the tracker: track 1 on object 1 on frames 1-2, track 3 on frame 3 (a switch); track 2 on the
        // flag-0 object (ignored); a detection without a track on frame 2; one crossing, left to right
        Path results = dir.resolve("results.jsonl");
        Files.write(results, List.of(
                detection(0, object(1, 0.1, 0.1) + "," + object(2, 0.6, 0.6)),
                detection(1, object(1, 0.1, 0.1) + "," + object(null, 0.7, 0.1)),
                detection(2, object(3, 0.1, 0.1)),
                "{\"task\":\"object-events\",\"type\":\"line_crossed\",\"source_id\":\"cam\",\"event_id\":\"cam/1\","
                        + "\"track_id\":1,\"label\":\"person\",\"line\":\"gate\",\"from_point\":[0.2,0.3],\"to_point\":[0.4,0.3]}",
                "{\"task\":\"tags\",\"event_id\":\"cam/1\"}"));
        StringWriter out = new StringWriter();
        // when
        int code = VisionStreamsCli.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter())).execute(
                "evaluate", "--task", "tracking", "--results", results.toString(), "--ground-truth",
                dir.resolve("seq").toString(), "--baseline", "greedy-iou", "--json", "--report", dir.resolve("report").toString());
        // then
        assertThat(code).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode j = JSON.readTree(lines[lines.length - 1]);
        JsonNode tracker = j.get("results");
        // 3 considered boxes, all hit; track 2 dropped on the flag-0 object; the trackless detection is
        // not tracker output; 1 switch: MOTA = 1 - 1/3; IDTP = 2 (track 1) of 3 and 3: IDF1 = 4/6
        assertThat(tracker.get("tp").asInt()).isEqualTo(3);
        assertThat(tracker.get("fp").asInt()).isZero();
        assertThat(tracker.get("ignored").asInt()).isEqualTo(1);
        assertThat(tracker.get("id_switches").asInt()).isEqualTo(1);
        assertThat(tracker.get("mota").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(tracker.get("idf1").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(tracker.get("event_precision").asDouble()).isEqualTo(1.0);
        assertThat(tracker.get("event_recall").asDouble()).isEqualTo(1.0);
        // the baseline links the same boxes frame to frame into one track; its box on the plant is
        // dropped too; the detection at (70,10) without a track is one of its false positives
        JsonNode greedy = j.get("greedy-iou");
        assertThat(greedy.get("id_switches").asInt()).isZero();
        assertThat(greedy.get("fp").asInt()).isEqualTo(1);
        assertThat(greedy.get("mota").asDouble()).isCloseTo(1 - 1.0 / 3, within(1e-9));
        assertThat(greedy.get("idf1").asDouble()).isCloseTo(2.0 * 3 / (2 * 3 + 1), within(1e-9));
        assertThat(j.get("against_baseline").get("idf1_ok").asBoolean()).isFalse();
        assertThat(Files.readString(dir.resolve("report/report.html"))).contains("<svg", "object 1", "ID switch");
    }

    @Test
    void aDetectionOfNoVideoFrameIsAnErrorNamingItsLine() throws Exception {
        // given: a detection line without attributes.frame (an image, not a video frame)
        Files.writeString(dir.resolve("gt.txt"), "1,1,10,10,20,20,1,1,1\n");
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, detection(0, "").replace(",\"frame\":\"0\"", "") + "\n");
        StringWriter err = new StringWriter();
        // when
        int code = VisionStreamsCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(
                "evaluate", "--task", "tracking", "--results", results.toString(), "--ground-truth",
                dir.resolve("gt.txt").toString());
        // then
        assertThat(code).isEqualTo(VisionStreamsCli.EXIT_FAILURE);
        assertThat(err.toString()).contains("line 1").contains("attributes.frame");
    }
}
