package io.visionstreams.eval.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.testing.SampleImages;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sequence read back as its users read it: the ground truth from the written text
 * files, the pictures from the video through FFmpeg, the expected events recomputed here from the
 * rows of gt.txt with the line and zone of zones.json (not by the generator's classes).
 */
class SequenceWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int W = 320;
    private static final int H = 180;
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    private Path generate(String name, long seed) throws Exception {
        Path out = dir.resolve(name);
        SequenceWriter.write(SequencePlan.draw(SampleImages.datasets().resolve("images"), seed, W, H, 10, FRAMES), out);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() throws Exception {
        Path a = generate("a", 7);
        Path b = generate("b", 7);
        Path c = generate("c", 8);
        assertThat(Files.readString(a.resolve("gt/gt.txt"))).isEqualTo(Files.readString(b.resolve("gt/gt.txt")));
        assertThat(Files.readString(a.resolve("events.json"))).isEqualTo(Files.readString(b.resolve("events.json")));
        assertThat(Files.readString(a.resolve("gt/gt.txt"))).isNotEqualTo(Files.readString(c.resolve("gt/gt.txt")));
        assertThat(Files.readString(a.resolve("zones.json"))).isNotEqualTo(Files.readString(c.resolve("zones.json")));
    }

    @Test
    void groundTruthEventsAndVideoAgreeWithEachOther() throws Exception {
        // given
        Path seq = generate("s", 3);
        List<double[]> rows = new ArrayList<>(); // frame, id, x, y, w, h, flag, class, visibility
        for (String line : Files.readAllLines(seq.resolve("gt/gt.txt"))) {
            rows.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        JsonNode zones = JSON.readTree(seq.resolve("zones.json").toFile()).get("sources").get("*");
        double gateX = zones.get("lines").get(0).get("points").get(0).get(0).asDouble();
        JsonNode yard = zones.get("zones").get(0).get("polygon");
        JsonNode events = JSON.readTree(seq.resolve("events.json").toFile());

        // then: five objects, one of them (the plant, COCO class 58 + 1) ignored; every box inside the picture
        assertThat(rows.stream().mapToDouble(r -> r[1]).distinct().count()).isEqualTo(5);
        assertThat(rows.stream().filter(r -> r[6] == 0).mapToDouble(r -> r[1]).distinct().toArray()).containsExactly(5);
        assertThat(rows.stream().filter(r -> r[6] == 0).allMatch(r -> r[7] == 59)).isTrue();
        assertThat(rows).allMatch(r -> r[2] >= 0 && r[3] >= 0 && r[2] + r[4] <= W && r[3] + r[5] <= H);
        // the crossing pair hides part of one another: some considered row is partly hidden
        assertThat(rows.stream().filter(r -> r[6] == 1).mapToDouble(r -> r[8]).min().orElse(1)).isLessThan(0.9);

        // the crossings and zone visits, recomputed from the anchors (bottom centres) of gt.txt
        Map<Integer, List<double[]>> byObject = new TreeMap<>();
        rows.stream().filter(r -> r[6] == 1).forEach(r -> byObject.computeIfAbsent((int) r[1], k -> new ArrayList<>()).add(r));
        List<String> expected = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> o : byObject.entrySet()) {
            Boolean wasLeft = null;
            Boolean wasIn = null;
            for (double[] r : o.getValue()) {
                double ax = (r[2] + r[4] / 2) / W;
                double ay = (r[3] + r[5]) / H;
                boolean left = ax < gateX;
                boolean in = ax > yard.get(3).get(0).asDouble() && ax < yard.get(1).get(0).asDouble()
                        && ay > yard.get(0).get(1).asDouble() && ay < yard.get(2).get(1).asDouble();
                if (wasLeft != null && left != wasLeft) {
                    expected.add((int) r[0] + " " + o.getKey() + " line_crossed " + (left ? "right left" : "left right"));
                }
                if (wasIn != null && in != wasIn) {
                    expected.add((int) r[0] + " " + o.getKey() + (in ? " zone_entered" : " zone_left"));
                }
                wasLeft = left;
                wasIn = in;
            }
        }
        List<String> written = new ArrayList<>();
        events.forEach(e -> written.add(e.get("frame").asInt() + " " + e.get("gt_id").asInt() + " " + e.get("type").asText()
                + (e.has("from_side") ? " " + e.get("from_side").asText() + " " + e.get("to_side").asText() : "")));
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        // the person walks left to right through the gate, the zebra or giraffe right to left, the second
        // person in and out of the yard, the lingering animal meets neither
        assertThat(expected).anyMatch(e -> e.endsWith(" 1 line_crossed left right"))
                .anyMatch(e -> e.endsWith(" 2 line_crossed right left"))
                .anyMatch(e -> e.endsWith(" 3 zone_entered")).anyMatch(e -> e.endsWith(" 3 zone_left"))
                .noneMatch(e -> e.contains(" 4 ")).hasSize(4);

        // the video: one picture per frame; inside a box the object, far from every box the plain background
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(seq.resolve(SequenceWriter.VIDEO).toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            assertThat(g.getImageWidth()).isEqualTo(W);
            int n = 0;
            int textured = 0;
            for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                n++;
                int frame = n;
                ByteBuffer px = (ByteBuffer) f.image[0];
                double[] first = rows.stream().filter(r -> r[0] == frame && r[1] == 1 && r[8] == 1).findFirst().orElse(null);
                if (first != null && spread(px, f.imageStride, (int) first[2], (int) first[3], (int) first[4], (int) first[5]) > 20) {
                    textured++;
                }
            }
            assertThat(n).isEqualTo(FRAMES);
            assertThat(textured).isGreaterThan(FRAMES / 2);
        }
    }

    /** The standard deviation of the green channel over a box: a photo has texture, a plain background none. */
    private static double spread(ByteBuffer px, int stride, int x, int y, int w, int h) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                double v = px.get(j * stride + 3 * i + 1) & 0xff;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        return Math.sqrt(sq / n - (sum / n) * (sum / n));
    }
}
