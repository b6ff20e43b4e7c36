package io.visionstreams.inference.detection;

import io.visionstreams.inference.DetectionSettings;
import io.visionstreams.inference.InferenceSettings;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The translation of a catalog detector that carries TFLite's {@code TFLite_Detection_PostProcess}
 * op (SSD-MobileNetV1): OpenCV resize to the model's input size and the uint8 input's
 * dequantization, then {@link TflitePostprocessor} with the op's anchors and options written
 * beside the converted model and the model's {@code labelmap.txt} (bundled as the spec's labels).
 * Of {@code vision.detection.*} only the score threshold and the object limit apply, as a filter
 * on what the op returns; its NMS (flavour, IoU threshold, detection limit) is the model's.
 */
public final class TfliteOpTranslation {

    /** The uint8 input quantization of TF's TFLite detectors (scale 1/128, zero point 128), as the file states. */
    static final float ZERO_POINT = 128f;
    static final float SCALE = 1f / 128f;

    public static final Translation<DetectionResult> TRANSLATION = new Translation<>(DetectionResult.class,
            (model, converted, config) -> {
                DetectionSettings d = config.detection();
                return translator(converted.dir(), converted.name(), model.labels(), model.inputSize(),
                        d.scoreThreshold(), d.maxDetections());
            });

    private TfliteOpTranslation() {}

    /**
     * @param dir              folder of the converted model and its {@code -anchors.json} / {@code -postprocess.json}
     * @param labelsResource   the model's {@code labelmap.txt} on the classpath
     * @param publishThreshold publish only scores above this
     * @param maxPublished     publish at most this many objects per frame
     */
    public static DetectionTranslator translator(Path dir, String name, String labelsResource, int inputSize,
                                                 double publishThreshold, int maxPublished) throws IOException {
        Path optionsFile = PostProcessOptions.file(dir, name);
        if (!Files.exists(optionsFile)) {
            throw new IOException(name + " was converted without its post-processing options (" + optionsFile + ")");
        }
        PostProcessOptions op = PostProcessOptions.read(optionsFile);
        // the exported SSDs score a background column first: numClasses + 1 columns (checked on every output)
        TflitePostprocessor post = new TflitePostprocessor(SsdAnchors.read(SsdAnchors.file(dir, name)),
                CocoLabels.fromLabelmap(LabelFile.fromResource(labelsResource)), op, op.numClasses() + 1,
                publishThreshold, maxPublished);
        return new DetectionTranslator(post, DetectorInput.tflite(ZERO_POINT, SCALE), inputSize);
    }
}
