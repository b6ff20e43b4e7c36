package io.visionstreams.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.eval.SegmentationMetrics;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * How well fp32 and int8 agree with the reference outputs in the datasets folder
 * ({@code vision.datasets.dir}, else {@code VISION_DATASETS_DIR}, else {@code ../shared/datasets}).
 * Classification ({@code classification.json}): top-1 agreement and top-5 membership (the share
 * of the reference's top-5 classes scoring at least 0.01 that are in ours), from the original files
 * and on the exact input tensors. Segmentation: on the exact 513x513 tensors, pixel agreement and
 * mIoU against TFLite's own predictions ({@code seg_pred/*.pred513.png}).
 */
final class ReferenceAgreement {

    private ReferenceAgreement() {}

    static Path datasetsDir() {
        String dir = System.getProperty("vision.datasets.dir", System.getenv("VISION_DATASETS_DIR"));
        return Path.of(dir != null ? dir : "../shared/datasets");
    }

    static void measure(VisionTask task, ModelLoader fp32, ModelLoader int8, BiConsumer<String, Object> put)
            throws Exception {
        Path datasets = datasetsDir();
        if (!Files.isDirectory(datasets)) {
            put.accept(task.configName() + "_agreement", "skipped: no datasets folder at " + datasets);
            return;
        }
        for (ModelLoader loader : List.of(fp32, int8)) {
            String precision = loader == fp32 ? "fp32" : "int8";
            try (VisionModel<?> model = loader.load(task, Device.cpu())) {
                if (task == VisionTask.CLASSIFICATION) {
                    classification(datasets, model, precision, put);
                } else if (task == VisionTask.SEGMENTATION) {
                    segmentation(datasets, model, precision, put);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void classification(Path datasets, VisionModel<?> model, String precision,
                                       BiConsumer<String, Object> put) throws Exception {
        JsonNode images = new ObjectMapper().readTree(datasets.resolve("classification.json").toFile()).get("images");
        for (String input : List.of("file", "input_tensor_png")) {
            List<RgbImage> frames = new ArrayList<>();
            for (JsonNode image : images) {
                frames.add(decode(datasets.resolve(image.get(input).asText())));
            }
            List<ClassificationResult> results;
            try (Inferer<ClassificationResult> inferer = (Inferer<ClassificationResult>) model.newInferer()) {
                results = inferer.infer(frames);
            }
            int top1 = 0;
            int members = 0;
            int references = 0;
            for (int i = 0; i < results.size(); i++) {
                JsonNode refTop = images.get(i).get("top5");
                List<Integer> ours = results.get(i).topK().stream().map(ClassScore::index).toList();
                top1 += ours.get(0) == refTop.get(0).get("index").asInt() ? 1 : 0;
                for (JsonNode r : refTop) {
                    if (r.get("score").asDouble() >= 0.01) {
                        references++;
                        members += ours.contains(r.get("index").asInt()) ? 1 : 0;
                    }
                }
            }
            String suffix = input.equals("file") ? "" : "_tensors";
            put.accept(precision + "_top1_agreement" + suffix, (double) top1 / results.size());
            put.accept(precision + "_top5_membership" + suffix, (double) members / references);
        }
    }

    @SuppressWarnings("unchecked")
    private static void segmentation(Path datasets, VisionModel<?> model, String precision,
                                     BiConsumer<String, Object> put) throws Exception {
        JsonNode images = new ObjectMapper().readTree(datasets.resolve("segmentation.json").toFile()).get("images");
        SegmentationMetrics metrics = new SegmentationMetrics(21);
        long same = 0;
        long pixels = 0;
        try (Inferer<SegmentationResult> inferer = (Inferer<SegmentationResult>) model.newInferer()) {
            for (JsonNode image : images) {
                RgbImage tensor = decode(datasets.resolve(image.get("input_tensor_png").asText()));
                SegmentationResult ours = inferer.infer(List.of(tensor)).get(0);
                LabelMap reference = LabelMapPng.decode(Files.readAllBytes(
                        datasets.resolve(image.get("pred513_png").asText())));
                LabelMap predicted = new LabelMap(ours.width(), ours.height(), ours.labels());
                for (int i = 0; i < reference.labels().length; i++) {
                    same += reference.labels()[i] == predicted.labels()[i] ? 1 : 0;
                }
                pixels += reference.labels().length;
                metrics.add(predicted, reference);
            }
        }
        put.accept("segmentation_" + precision + "_pixel_agreement", (double) same / pixels);
        put.accept("segmentation_" + precision + "_miou_vs_reference", metrics.meanIoU());
    }

    private static RgbImage decode(Path file) throws Exception {
        return new ImageDecoder().decode(Files.readAllBytes(file));
    }
}
