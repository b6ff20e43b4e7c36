package io.visionstreams.inference.detection;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.LabelFile;
import io.visionstreams.inference.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A catalog detector and its converted files in, the translator that serves it out, chosen by the
 * model's {@link ModelSpec.Postprocessing}: configured SSD post-processing for SSDLite, or the
 * model's own {@code TFLite_Detection_PostProcess} op (its anchors and options written beside the
 * converted model, its {@code labelmap.txt} bundled as the spec's labels).
 */
public final class DetectorTranslators {

    /** The uint8 input quantization of TF's TFLite detectors (scale 1/128, zero point 128), as the file states. */
    static final float TFLITE_ZERO_POINT = 128f;
    static final float TFLITE_SCALE = 1f / 128f;

    private DetectorTranslators() {}

    /**
     * @param configured {@code vision.detection.*}: the whole post-processing of a {@code CONFIGURED}
     *                   detector; for a {@code TFLITE_OP} one only the published score threshold and
     *                   object limit (the op decides its own NMS)
     */
    public static DetectionTranslator forModel(ModelSpec spec, ConvertedModel converted, DetectionOptions configured)
            throws IOException {
        SsdAnchors anchors = SsdAnchors.read(SsdAnchors.file(converted.dir(), converted.name()));
        return switch (spec.postprocessing()) {
            case CONFIGURED -> new DetectionTranslator(anchors, new CocoLabels(LabelFile.fromResource(spec.labels())),
                    configured);
            case TFLITE_OP -> {
                Path optionsFile = PostProcessOptions.file(converted.dir(), converted.name());
                if (!Files.exists(optionsFile)) {
                    throw new IOException(spec.name() + " was converted without its post-processing options ("
                            + optionsFile + ")");
                }
                PostProcessOptions op = PostProcessOptions.read(optionsFile);
                // the exported SSDs score a background column first: numClasses + 1 columns (checked on every output)
                TflitePostprocessor post = new TflitePostprocessor(anchors,
                        CocoLabels.fromLabelmap(LabelFile.fromResource(spec.labels())), op, op.numClasses() + 1,
                        configured.scoreThreshold(), configured.maxDetections());
                yield new DetectionTranslator(post, DetectorInput.tflite(TFLITE_ZERO_POINT, TFLITE_SCALE),
                        spec.inputSize());
            }
            case NONE -> throw new IllegalArgumentException(spec.name() + " is not a detector");
        };
    }
}
