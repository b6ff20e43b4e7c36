package io.visionstreams.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.detection.CocoLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Detection ground truth in COCO's 90-id category map (the detector's): a COCO {@code instances}
 * JSON ({@code file_name} = event id; boxes, areas and {@code iscrowd} as given), or a folder of
 * YOLO label files, one {@code <image name without extension>.txt} per image, each line
 * {@code class cx cy w h} normalized to the image, class = the 0-based index among COCO's 80 used
 * categories (coco8's order: {@code coco_labels.txt} without its {@code n/a} lines), area = box area.
 */
public final class DetectionGroundTruth {

    private final Map<String, Frame> frames;
    private final Map<Integer, String> categories;
    private final boolean filesByStem;

    /** One image's objects: pixel boxes, or YOLO rows {@code [cocoId, cx, cy, w, h]} scaled once the size is known. */
    private record Frame(List<CocoBox> pixels, List<double[]> normalized) {}

    private DetectionGroundTruth(Map<String, Frame> frames, Map<Integer, String> categories, boolean filesByStem) {
        this.frames = frames;
        this.categories = categories;
        this.filesByStem = filesByStem;
    }

    /** A COCO instances JSON file, or a folder of YOLO {@code .txt} files. */
    public static DetectionGroundTruth read(Path path) throws IOException {
        return Files.isDirectory(path) ? yoloFolder(path) : cocoInstances(path);
    }

    public static DetectionGroundTruth cocoInstances(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<Long, String> fileById = new LinkedHashMap<>();
        Map<String, Frame> frames = new LinkedHashMap<>();
        List<JsonNode> images = new ArrayList<>();
        root.path("images").forEach(images::add);
        images.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong())); // the toolkit's order
        for (JsonNode image : images) {
            String name = image.path("file_name").asText(null);
            if (name == null || !image.path("id").canConvertToLong()) {
                throw new IOException(json + ": an image without id or file_name: " + image);
            }
            fileById.put(image.get("id").asLong(), name);
            frames.put(name, new Frame(new ArrayList<>(), null));
        }
        for (JsonNode a : root.path("annotations")) {
            String name = fileById.get(a.path("image_id").asLong());
            JsonNode b = a.path("bbox");
            if (name == null || b.size() != 4) {
                throw new IOException(json + ": annotation " + a.path("id") + " has no known image_id or no bbox");
            }
            double w = b.get(2).asDouble();
            double h = b.get(3).asDouble();
            double area = a.has("area") ? a.get("area").asDouble() : w * h;
            frames.get(name).pixels().add(new CocoBox(a.path("category_id").asInt(), b.get(0).asDouble(),
                    b.get(1).asDouble(), w, h, area, 1, a.path("iscrowd").asInt(0) != 0));
        }
        Map<Integer, String> categories = new TreeMap<>();
        for (JsonNode c : root.path("categories")) {
            categories.put(c.path("id").asInt(), c.path("name").asText());
        }
        return new DetectionGroundTruth(frames, categories, false);
    }

    public static DetectionGroundTruth yoloFolder(Path folder) throws IOException {
        CocoLabels labels = new CocoLabels(LabelFile.fromResource("labels/coco_labels.txt"));
        List<Integer> used = new ArrayList<>();
        Map<Integer, String> categories = new TreeMap<>();
        for (int id = 1; id <= labels.maxId(); id++) {
            if (labels.isUsed(id)) {
                used.add(id);
                categories.put(id, labels.label(id));
            }
        }
        Map<String, Frame> frames = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        for (Path file : files) {
            List<double[]> rows = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                try {
                    int cls = Integer.parseInt(f[0]);
                    if (f.length != 5 || cls < 0 || cls >= used.size()) {
                        throw new NumberFormatException();
                    }
                    rows.add(new double[] {used.get(cls), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                } catch (NumberFormatException e) {
                    throw new IOException(file + " line " + n + " is not \"class cx cy w h\" with class 0.."
                            + (used.size() - 1) + ": " + line);
                }
            }
            frames.put(file.getFileName().toString(), new Frame(null, rows));
        }
        return new DetectionGroundTruth(frames, categories, true);
    }

    /** Category id → name, every category evaluated. */
    public Map<Integer, String> categories() {
        return categories;
    }

    /** Pairs the ground-truth images with the events that have a detection result. */
    public GroundTruthMatch match(Collection<String> events, Set<String> withResult) {
        return filesByStem ? GroundTruthMatch.byStem(frames.keySet(), List::of, events, withResult, false)
                : GroundTruthMatch.byEventId(frames.keySet(), withResult);
    }

    /** The objects of one image (key as in {@link #match}), in pixels of an image of that size. */
    public List<CocoBox> objects(String key, int width, int height) {
        Frame f = frames.get(key);
        if (f.pixels() != null) {
            return f.pixels();
        }
        List<CocoBox> boxes = new ArrayList<>();
        for (double[] r : f.normalized()) {
            double w = r[3] * width;
            double h = r[4] * height;
            boxes.add(CocoBox.truth((int) r[0], (r[1] - r[3] / 2) * width, (r[2] - r[4] / 2) * height, w, h));
        }
        return boxes;
    }
}
