package io.visionstreams.inference.convert.tflite;

import com.google.flatbuffers.FlexBuffers;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.detection.PostProcessOptions;
import java.nio.ByteBuffer;

/**
 * TF's SSD post-processing custom op, {@code TFLite_Detection_PostProcess}: inputs box encodings
 * {@code [1, anchors, 4]}, class scores {@code [1, anchors, 1 + classes]} and the constant anchors
 * {@code [anchors, 4]} as {@code (ycenter, xcenter, h, w)}; its options are a FlexBuffer map in the
 * operator's custom options, read here with the FlatBuffers library's {@link FlexBuffers} and the
 * defaults TFLite's kernel applies to absent keys.
 */
final class DetectionPostProcessOp {

    static final String NAME = "TFLite_Detection_PostProcess";

    private DetectionPostProcessOp() {}

    static boolean is(TfliteOperator op) {
        return op.op() == BuiltinOperator.CUSTOM && NAME.equals(op.custom());
    }

    static PostProcessOptions options(TfliteOperator op) throws ModelLoadException {
        if (!(op.options() instanceof OpOptions.Custom custom)) {
            throw new ModelLoadException(op.describe() + " has no custom options");
        }
        ByteBuffer view = custom.bytes().duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        try {
            FlexBuffers.Map m = FlexBuffers.getRoot(ByteBuffer.wrap(bytes)).asMap();
            return new PostProcessOptions(
                    required(m, "max_detections", op).asInt(),
                    required(m, "max_classes_per_detection", op).asInt(),
                    m.get("detections_per_class").isNull() ? PostProcessOptions.DEFAULT_DETECTIONS_PER_CLASS
                            : m.get("detections_per_class").asInt(),
                    (float) required(m, "nms_score_threshold", op).asFloat(),
                    (float) required(m, "nms_iou_threshold", op).asFloat(),
                    required(m, "num_classes", op).asInt(),
                    !m.get("use_regular_nms").isNull() && m.get("use_regular_nms").asBoolean(),
                    (float) required(m, "y_scale", op).asFloat(), (float) required(m, "x_scale", op).asFloat(),
                    (float) required(m, "h_scale", op).asFloat(), (float) required(m, "w_scale", op).asFloat());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ModelLoadException(op.describe() + ": unreadable custom options: " + e.getMessage(), e);
        }
    }

    private static FlexBuffers.Reference required(FlexBuffers.Map m, String key, TfliteOperator op)
            throws ModelLoadException {
        FlexBuffers.Reference r = m.get(key);
        if (r.isNull()) {
            throw new ModelLoadException(op.describe() + ": custom options lack " + key);
        }
        return r;
    }
}
