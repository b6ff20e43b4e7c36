package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.testing.SampleImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} on samples lying beside their ground truth, as in the sample folder, run once; then
 * {@code evaluate} on what it wrote, against the references in {@code ../shared/datasets}, and the
 * report page rendered in headless Chromium.
 */
class DemoAccuracyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three COCO images with their YOLO labels, two VOC images with their masks, a coral dog and its trimap. */
    private static final List<String> SAMPLES = List.of("000000000009.jpg", "000000000009.txt", "000000000030.jpg",
            "000000000030.txt", "000000000036.jpg", "000000000036.txt", "0_image.png", "0_target.png",
            "120_image.png", "120_target.png", "dog_segmentation.bmp", "dog_segmentation_mask.bmp");
    private static final List<String> DETECTED = List.of("000000000009.jpg", "000000000030.jpg", "000000000036.jpg");

    @TempDir
    static Path tmp;

    private static Path out;
    private static String console;
    private static int exitCode;

    @BeforeAll
    static void runTheDemoOnSamplesBesideTheirGroundTruth() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (String name : SAMPLES) {
            Files.copy(SampleImages.image(name), images.resolve(name));
        }
        out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        exitCode = VisionStreamsCli.commandLine(new PrintWriter(stdout), new PrintWriter(new StringWriter()))
                .execute("demo", "--images", images.toString(), "--out", out.toString(), "--timeout", "300");
        console = stdout.toString();
    }

    @Test
    void demoEndsWithTheHeadlineMetricsOfTheTasksWithGroundTruthAndWritesTheReport() {
        assertThat(exitCode).isZero();
        assertThat(console).containsPattern("detection +map 0\\.\\d{4} ap50 0\\.\\d{4} ap75 0\\.\\d{4} +\\(3 frames, 0 missing\\)");
        assertThat(console).containsPattern("segmentation +miou 0\\.\\d{4} pixel_accuracy 0\\.\\d{4} +\\(2 frames, 0 missing\\)");
        assertThat(console).containsPattern("classification +no ground truth");
        assertThat(out.resolve("report/report.html")).isRegularFile();
        assertThat(out.resolve("report/metrics.json")).isRegularFile();
        assertThat(out.resolve("report/summary.md")).isRegularFile();
    }

    @Test
    void eachVocSampleScoresAsTheReferenceModelScoredIt() throws Exception {
        // when
        Map<String, JsonNode> frames = frames("--task", "segmentation", "--ground-truth", images().toString());

        // then: the 2 VOC pairs (the coral mask is no VOC file); per image as Google's TFLite runtime scored it
        assertThat(frames.keySet()).containsExactlyInAnyOrder("0_image.png", "120_image.png");
        for (String image : frames.keySet()) {
            assertThat(frames.get(image).get("score").asDouble()).as(image)
                    .isCloseTo(reference(image).get("image_mIoU").asDouble(), within(0.01));
        }
    }

    @Test
    void aCsvAddsTheCoralTrimapInItsOwnEncoding() throws Exception {
        // given: an event_id,mask,encoding CSV with the kinds of segmentation.json
        Path csv = Files.write(tmp.resolve("segmentation-truth.csv"), List.of("event_id,mask,encoding",
                "0_image.png,images/0_target.png,voc", "120_image.png,images/120_target.png,voc",
                "dog_segmentation.bmp,images/dog_segmentation_mask.bmp,oxford-trimap"));

        // when
        Map<String, JsonNode> frames = frames("--task", "segmentation", "--ground-truth", csv.toString());

        // then: the dog's pixel accuracy is the reference's, up to the 3.24% of its pixels where our
        // label map and TFLite's differ (DeepLabReferenceTest: 96.76% agreement on this image)
        assertThat(frames).hasSize(3);
        assertThat(frames.get("dog_segmentation.bmp").get("summary").asText()).contains("pixel accuracy");
        double accuracy = Double.parseDouble(frames.get("dog_segmentation.bmp").get("summary").asText()
                .replaceAll(".*pixel accuracy ([0-9.]+).*", "$1"));
        assertThat(accuracy).isCloseTo(reference("dog_segmentation.bmp").get("pixel_accuracy_valid").asDouble(),
                within(0.035));
    }

    @Test
    void detectionFindsEveryObjectTheReferenceRuntimeFoundAndNothingFalse() throws Exception {
        // when
        Map<String, JsonNode> frames = frames("--task", "detection", "--ground-truth", images().toString());

        // then: per image, at least the objects coco-ssd found (detection.json), and no false detection
        assertThat(frames.keySet()).containsExactlyInAnyOrderElementsOf(DETECTED);
        for (JsonNode image : datasetJson("detection.json").get("images")) {
            JsonNode frame = frames.get(image.get("file").asText());
            if (frame != null) {
                assertThat(matched(frame.get("summary").asText(), "matched")).isGreaterThanOrEqualTo(image.get("tp").asInt());
                assertThat(matched(frame.get("summary").asText(), "false")).isZero();
            }
        }
    }

    @Test
    void comparingWithTheReferenceDetectionsShowsTheDifferenceAndTheFramesThatDiffer() throws Exception {
        // given: coco-ssd's own detections of the same five images as a second result set
        Path reference = referenceDetections();

        // when
        JsonNode ours = evaluate("--task", "detection", "--ground-truth", images().toString());
        Path theirsFile = tmp.resolve("reference-only.jsonl");
        Files.copy(reference, theirsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonNode theirs = lastLine(run("evaluate", "--results", theirsFile.toString(), "--task", "detection",
                "--ground-truth", images().toString(), "--json"));
        String text = run("evaluate", "--results", out.resolve("results.jsonl").toString(), "--compare",
                reference.toString(), "--task", "detection", "--ground-truth", images().toString(), "--json",
                "--report", tmp.resolve("compare-report").toString());
        JsonNode json = lastLine(text);

        // then: the differences are those of the two evaluations; 000000000009.jpg differs (ours 4, theirs 3)
        assertThat(json.get("compare").get("delta").get("map").asDouble())
                .isCloseTo(theirs.get("map").asDouble() - ours.get("map").asDouble(), within(1e-12));
        assertThat(json.get("compare").get("disagreeing_frames").asInt()).isPositive();
        assertThat(text).contains("frames where they disagree most").contains("000000000009.jpg");
        assertThat(tmp.resolve("compare-report/report.html")).isRegularFile();
    }

    @Test
    void theReportPageRendersOfflineWithCurvesBarsHistogramAndGallery() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "no chromium on this machine");
        Path page = out.resolve("report/report.html");

        // when
        String dom = browser(chromium, "--dump-dom", page);
        Path screenshot = tmp.resolve("report.png");
        browser(chromium, "--screenshot=" + screenshot, page);

        // then
        assertThat(count(dom, "<svg class=\"chart pr-curve")).isEqualTo(1);
        assertThat(count(dom, "<polyline class=\"curve\"")).isGreaterThanOrEqualTo(2);
        assertThat(count(dom, "<svg class=\"chart class-bars")).isEqualTo(2);
        assertThat(count(dom, "<rect class=\"bar\"")).isGreaterThanOrEqualTo(7 + 4); // 7 COCO classes, 4 VOC classes
        assertThat(count(dom, "<svg class=\"chart latency-histogram")).isEqualTo(2);
        assertThat(count(dom, "<rect class=\"bin\"")).isGreaterThanOrEqualTo(2);
        assertThat(count(dom, "<table class=\"confusions\"")).isEqualTo(1);
        assertThat(count(dom, "<article class=\"frame\"")).isEqualTo(3 + 2);
        assertThat(count(dom, "src=\"data:image/jpeg;base64,")).isEqualTo(2 * (3 + 2));
        // nothing to fetch: no script, stylesheet link or remote source
        assertThat(dom).doesNotContain("<script").doesNotContain("<link").doesNotContainPattern("(src|href)=\"(https?:)?//")
                .doesNotContain("url(");
        assertThat(Files.size(screenshot)).isGreaterThan(50_000);
        assertThat(Files.size(page)).isLessThan(3_000_000);
    }

    /** The evaluation's frames (event id → frame of metrics.json), through --report. */
    private static Map<String, JsonNode> frames(String... args) throws Exception {
        Path report = Files.createTempDirectory(tmp, "report-");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--report", report.toString()));
        evaluate(all.toArray(String[]::new));
        Map<String, JsonNode> frames = new java.util.LinkedHashMap<>();
        JSON.readTree(report.resolve("metrics.json").toFile()).get("evaluations").get(0).get("frames")
                .forEach(f -> frames.put(f.get("event_id").asText(), f));
        return frames;
    }

    private static JsonNode reference(String image) throws IOException {
        for (JsonNode i : datasetJson("segmentation.json").get("images")) {
            if (i.get("image").asText().equals(image)) {
                return i;
            }
        }
        throw new AssertionError("no reference for " + image);
    }

    private static JsonNode evaluate(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("evaluate", "--results", out.resolve("results.jsonl").toString(), "--json"));
        all.addAll(List.of(args));
        return lastLine(run(all.toArray(String[]::new)));
    }

    private static String run(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = VisionStreamsCli.commandLine(new PrintWriter(stdout), new PrintWriter(stderr)).execute(args);
        assertThat(code).as(stderr.toString()).isZero();
        return stdout.toString();
    }

    private static JsonNode lastLine(String text) throws IOException {
        List<String> lines = text.lines().toList();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private static int matched(String text, String what) {
        Matcher m = Pattern.compile("(\\d+) matched, (\\d+) false, (\\d+) missed").matcher(text);
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(what.equals("matched") ? 1 : 2));
        }
        return sum;
    }

    /** detection.json's detections (pixels, xyxy) in the results.jsonl contract. */
    private static Path referenceDetections() throws IOException {
        List<String> lines = new ArrayList<>();
        for (JsonNode image : datasetJson("detection.json").get("images")) {
            if (!DETECTED.contains(image.get("file").asText())) {
                continue;
            }
            int h = image.get("hw").get(0).asInt();
            int w = image.get("hw").get(1).asInt();
            StringBuilder objects = new StringBuilder();
            for (JsonNode d : image.get("detections")) {
                JsonNode b = d.get("box_xyxy");
                objects.append(objects.isEmpty() ? "" : ",").append(String.format(java.util.Locale.ROOT,
                        "{\"class_id\":%d,\"label\":\"%s\",\"score\":%s,\"box\":{\"x_min\":%s,\"y_min\":%s,\"x_max\":%s,\"y_max\":%s}}",
                        d.get("coco_id").asInt(), d.get("label").asText(), d.get("score").asText(),
                        b.get(0).asDouble() / w, b.get(1).asDouble() / h, b.get(2).asDouble() / w, b.get(3).asDouble() / h));
            }
            lines.add(String.format("{\"task\":\"detection\",\"event_id\":\"%s\",\"source_id\":\"tfjs\",\"captured_at\":0,"
                    + "\"image_width\":%d,\"image_height\":%d,\"objects\":[%s],\"model\":{\"name\":\"coco-ssd (TF.js)\","
                    + "\"version\":\"reference\",\"engine\":\"TF.js 4.22.0\",\"device\":\"cpu\"},\"timing\":{\"queue_ms\":0,"
                    + "\"inference_ms\":%d,\"batch_size\":1}}", image.get("file").asText(), w, h, objects,
                    image.get("ms_cpu").asInt()));
        }
        return Files.write(tmp.resolve("reference.jsonl"), lines);
    }

    private static Path images() {
        return tmp.resolve("images");
    }

    private static JsonNode datasetJson(String name) throws IOException {
        return JSON.readTree(SampleImages.datasets().resolve(name).toFile());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static String browser(String chromium, String action, Path page) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile-");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,2400", action, page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return stdout;
    }
}
