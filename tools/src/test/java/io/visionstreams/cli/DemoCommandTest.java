package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.testing.SampleImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vision-streams demo} end to end, run once for the class: embedded Kafka, the three real
 * models, three sample images and two files that are not images; the tests read what it wrote.
 */
class DemoCommandTest {

    private static final List<String> IMAGES = List.of("cat.bmp", "000000000036.jpg", "20_image.png");
    private static final List<String> TASKS = List.of("classification", "detection", "segmentation");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static int exitCode;
    private static String console;
    private static Path out;
    private static List<JsonNode> lines;

    @BeforeAll
    static void runDemoOnAFolderOfImagesAndNonImages() throws IOException {
        // given: real images, a text file named like a JPEG and an empty "PNG"
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (String name : IMAGES) {
            Files.copy(SampleImages.image(name), images.resolve(name));
        }
        Files.writeString(images.resolve("notes.jpg"), "not a picture, just notes\n");
        Files.write(images.resolve("empty.png"), new byte[0]);
        out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        // when
        exitCode = VisionStreamsCli.commandLine(new PrintWriter(stdout), new PrintWriter(new StringWriter()))
                .execute("demo", "--images", images.toString(), "--out", out.toString(), "--timeout", "180");
        console = stdout.toString();
        lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
    }

    @Test
    void exitsZeroWithExactlyOneResultPerTaskForEachImage() {
        assertThat(exitCode).isZero();
        Map<String, Long> perEventAndTask = lines.stream().filter(j -> !j.get("task").asText().equals("dead-letter"))
                .collect(Collectors.groupingBy(j -> j.get("event_id").asText() + "/" + j.get("task").asText(),
                        Collectors.counting()));
        Set<String> expected = IMAGES.stream().flatMap(i -> Stream.concat(TASKS.stream(), Stream.of("tags"))
                .map(t -> i + "/" + t)).collect(Collectors.toSet());
        assertThat(perEventAndTask.keySet()).isEqualTo(expected);
        assertThat(perEventAndTask.values()).containsOnly(1L);
    }

    @Test
    void resultLinesCarryTheDocumentedFields() {
        for (JsonNode j : lines) {
            switch (j.get("task").asText()) {
                case "classification" -> {
                    assertThat(j.has("event_id") && j.has("source_id")).isTrue();
                    assertThat(j.get("top_k")).isNotEmpty();
                    j.get("top_k").forEach(s -> assertThat(s.fieldNames()).toIterable()
                            .contains("index", "label", "score"));
                }
                case "detection" -> {
                    assertThat(j.fieldNames()).toIterable()
                            .contains("event_id", "source_id", "image_width", "image_height", "objects");
                    j.get("objects").forEach(o -> {
                        assertThat(o.fieldNames()).toIterable().contains("class_id", "label", "score", "box");
                        assertThat(o.get("box").fieldNames()).toIterable()
                                .contains("x_min", "y_min", "x_max", "y_max");
                    });
                }
                case "segmentation" -> assertThat(j.fieldNames()).toIterable()
                        .contains("event_id", "source_id", "mask_width", "mask_height", "classes", "mask_file");
                case "tags" -> {
                    assertThat(j.fieldNames()).toIterable().contains("event_id", "source_id", "captured_at", "labels",
                            "tasks", "dead_lettered", "models");
                    assertThat(j.get("tasks")).hasSize(TASKS.size());
                    j.get("labels").forEach(l -> assertThat(l.fieldNames()).toIterable()
                            .contains("task", "label", "index", "score"));
                }
                case "dead-letter" -> assertThat(j.fieldNames()).toIterable()
                        .contains("event_id", "stage", "reason", "message", "source_topic", "partition", "offset");
                default -> throw new AssertionError("unexpected task in " + j);
            }
        }
        assertThat(lines.stream().filter(j -> j.get("task").asText().equals("detection")))
                .allSatisfy(j -> assertThat(j.get("objects")).isNotEmpty());
        assertThat(lines.stream().filter(j -> !j.get("task").asText().equals("dead-letter")))
                .as("the event's attributes passed through: the demo names the file")
                .allSatisfy(j -> assertThat(j.path("attributes").path("file").asText()).isEqualTo(j.get("event_id").asText()));
    }

    @Test
    void tagsTheCatWithItsClassAndItsSegmentAndTheTextFilesNot() {
        JsonNode tags = result("cat.bmp", "tags");
        assertThat(tags.get("labels")).anySatisfy(l -> {
            assertThat(l.get("task").asText()).isEqualTo("classification");
            assertThat(l.get("label").asText()).isEqualTo("Egyptian cat");
        });
        assertThat(tags.get("labels")).anySatisfy(l -> {
            assertThat(l.get("task").asText()).isEqualTo("segmentation");
            assertThat(l.get("label").asText()).isEqualTo("cat");
        });
        assertThat(tags.get("dead_lettered")).isEmpty();
        assertThat(lines).filteredOn(j -> j.get("task").asText().equals("tags"))
                .noneMatch(j -> j.get("event_id").asText().equals("notes.jpg"));
    }

    @Test
    void classifiesTheCatAsAnEgyptianCat() {
        JsonNode cat = result("cat.bmp", "classification");
        assertThat(cat.get("top_k").get(0).get("label").asText()).isEqualTo("Egyptian cat");
    }

    @Test
    void writesMasksThatDecodeAtTheImageSize() throws Exception {
        for (String image : IMAGES) {
            JsonNode seg = result(image, "segmentation");
            RgbImage original = decodeSample(image);
            LabelMap mask = LabelMapPng.decode(Files.readAllBytes(out.resolve(seg.get("mask_file").asText())));
            assertThat(mask.width()).isEqualTo(seg.get("mask_width").asInt()).isEqualTo(original.width());
            assertThat(mask.height()).isEqualTo(seg.get("mask_height").asInt()).isEqualTo(original.height());
            JsonNode det = result(image, "detection");
            assertThat(det.get("image_width").asInt()).isEqualTo(original.width());
            assertThat(det.get("image_height").asInt()).isEqualTo(original.height());
        }
    }

    @Test
    void deadLettersTheTextFileAndTheEmptyFileOnceEachAtDecode() {
        assertThat(deadLetters("notes.jpg")).singleElement().satisfies(j -> {
            assertThat(j.get("stage").asText()).isEqualTo("DECODE");
            assertThat(j.get("reason").asText()).isEqualTo("UNKNOWN_FORMAT");
        });
        assertThat(deadLetters("empty.png")).singleElement().satisfies(j -> {
            assertThat(j.get("stage").asText()).isEqualTo("DECODE");
            assertThat(j.get("reason").asText()).isEqualTo("EMPTY_PAYLOAD");
        });
        assertThat(lines).filteredOn(j -> j.get("task").asText().equals("dead-letter")).hasSize(2);
    }

    @Test
    void writesAnAnnotatedPreviewOfOriginalSizeForEachImageOnly() throws Exception {
        for (String image : IMAGES) {
            Path file = out.resolve("annotated").resolve(DemoReport.safeName(image) + ".png");
            BufferedImage preview = ImageIO.read(file.toFile());
            RgbImage original = decodeSample(image);
            assertThat(preview).as(image).isNotNull();
            assertThat(preview.getWidth()).isEqualTo(original.width());
            assertThat(preview.getHeight()).isEqualTo(original.height());
        }
        try (var files = Files.list(out.resolve("annotated"))) {
            assertThat(files).hasSize(IMAGES.size());
        }
    }

    @Test
    void previewTintsTheSegmentedPixelsAndLeavesMostOfTheBackgroundAsDecoded() throws Exception {
        // the cat covers ~44% of cat.bmp; its box, label and legend cover a little of the background
        RgbImage original = decodeSample("cat.bmp");
        LabelMap mask = LabelMapPng.decode(Files.readAllBytes(out.resolve(result("cat.bmp", "segmentation")
                .get("mask_file").asText())));
        BufferedImage preview = ImageIO.read(out.resolve("annotated/cat.bmp.png").toFile());
        long[] changed = new long[2];
        long[] total = new long[2];
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                int segmented = mask.classAt(x, y) == 0 ? 0 : 1;
                int rgb = preview.getRGB(x, y);
                boolean same = ((rgb >> 16) & 0xFF) == original.get(x, y, 0)
                        && ((rgb >> 8) & 0xFF) == original.get(x, y, 1) && (rgb & 0xFF) == original.get(x, y, 2);
                total[segmented]++;
                changed[segmented] += same ? 0 : 1;
            }
        }
        assertThat((double) changed[1] / total[1]).isGreaterThan(0.95);
        assertThat((double) changed[0] / total[0]).isLessThan(0.15);
    }

    @Test
    void printsOneTableRowPerEventWithItsDeadLetterOnce() {
        List<String> rows = console.lines().toList();
        for (String event : List.of("cat.bmp", "000000000036.jpg", "20_image.png", "notes.jpg", "empty.png")) {
            assertThat(rows).as(event).filteredOn(r -> r.startsWith(event + " ")).hasSize(1);
        }
        String notes = rows.stream().filter(r -> r.startsWith("notes.jpg ")).findFirst().orElseThrow();
        assertThat(notes.split("UNKNOWN_FORMAT", -1)).hasSize(2);
        assertThat(console).contains(out.resolve("annotated").toString());
    }

    private static JsonNode result(String eventId, String task) {
        return lines.stream().filter(j -> j.get("task").asText().equals(task))
                .filter(j -> j.get("event_id").asText().equals(eventId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + task + " for " + eventId));
    }

    private static List<JsonNode> deadLetters(String eventId) {
        return lines.stream().filter(j -> j.get("task").asText().equals("dead-letter"))
                .filter(j -> j.get("event_id").asText().equals(eventId)).toList();
    }

    private static RgbImage decodeSample(String name) throws Exception {
        return new ImageDecoder().decode(SampleImages.bytes(name));
    }
}
