package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.testing.TestVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --video}: a video file through the whole pipeline (classification only, to stay fast). */
class DemoVideoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aTenSecond10FpsVideoAt5FpsGivesFiftyEventsWithOneResultEach() throws Exception {
        // given: 10 s at 10 fps made from the sample images
        Path video = TestVideos.make(tmp.resolve("camera.mp4"), TestVideos.Kind.H264_MP4, 10, 10,
                "2024-05-01T21:30:00Z");
        Path out = tmp.resolve("out");
        StringWriter console = new StringWriter();
        // when
        int exit = VisionStreamsCli.commandLine(new PrintWriter(console), new PrintWriter(console))
                .execute("demo", "--video", video.toString(), "--fps", "5", "--tasks", "classification",
                        "--out", out.toString(), "--timeout", "300");
        // then: frames 0, 2, ..., 98, one classification each, nothing dead-lettered
        assertThat(exit).as(console.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).allSatisfy(j -> assertThat(j.get("task").asText()).isIn("classification", "tags"));
        List<String> frames = IntStream.range(0, 50).mapToObj(i -> "demo/" + 2 * i).toList();
        for (String task : List.of("classification", "tags")) { // and one Tags record per frame
            assertThat(lines).filteredOn(j -> j.get("task").asText().equals(task)).extracting(j -> j.get("event_id").asText())
                    .as(task).containsExactlyInAnyOrderElementsOf(frames);
        }
        lines.removeIf(j -> j.get("task").asText().equals("tags"));
        // second 0 of the video is cat.bmp
        JsonNode first = lines.stream().filter(j -> j.get("event_id").asText().equals("demo/0")).findFirst().orElseThrow();
        assertThat(first.get("top_k").get(0).get("label").asText()).contains("cat");
    }
}
