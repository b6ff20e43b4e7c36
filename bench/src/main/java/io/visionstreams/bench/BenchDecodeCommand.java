package io.visionstreams.bench;

import io.visionstreams.cli.ImagesOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.inference.segmentation.SegmentationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench decode}: full against reduced JPEG decoding, time and effect on the models' outputs. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode time of 640x480 and 1920x1080 JPEG q90 camera frames (made from the images), full "
                + "against reduced (vision.decode.reduce=auto), and its effect on top-1 and on segmentation masks.")
final class BenchDecodeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--passes", defaultValue = "3", description = "Timed passes over the frames (default: ${DEFAULT-VALUE}).")
    int passes;

    @Mixin
    ImagesOption images;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> samples = RawThroughput.images(images.folder());
        Map<String, List<byte[]>> frames = DecodeBench.cameraFrames(samples);
        ObjectNode r = Machine.describe(JSON.createObjectNode());
        r.put("images", samples.size());
        for (var e : frames.entrySet()) {
            for (int floor : new int[] {224, 513}) {
                double[] ms = DecodeBench.decodeMs(e.getValue(), floor, passes);
                String key = "decode_" + e.getKey();
                r.put(key + "_full_ms", round(ms[0]));
                r.put(key + "_reduced_for_" + floor + "_ms", round(ms[1]));
                r.put(key + "_reduced_for_" + floor + "_speedup", round(ms[0] / ms[1]));
            }
        }
        VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", "classification,segmentation"));
        try (LoadedModels models = new ModelLoader(config).loadEnabled()) {
            VisionModel<ClassificationResult> classifier = models.get(VisionTask.CLASSIFICATION);
            try (Inferer<ClassificationResult> inferer = classifier.newInferer()) {
                for (var e : frames.entrySet()) {
                    r.put("classification_top1_agreement_reduced_for_224_" + e.getKey(),
                            round(DecodeBench.top1Agreement(inferer, e.getValue())));
                }
            }
            VisionModel<SegmentationResult> segmenter = models.get(VisionTask.SEGMENTATION);
            try (Inferer<SegmentationResult> inferer = segmenter.newInferer()) {
                r.put("segmentation_miou_reduced_for_513_vs_full_1920x1080",
                        round(DecodeBench.maskMeanIoU(inferer, frames.get("1920x1080"), 21)));
            }
        }
        r.fields().forEachRemaining(e -> out.printf("%-58s %10s%n", e.getKey(), e.getValue().asText()));
        if (json) {
            out.println(JSON.writeValueAsString(r));
        }
        out.flush();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
