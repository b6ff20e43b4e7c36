package io.visionstreams.inference;

import io.visionstreams.inference.ModelSpec.SourceFormat;
import io.visionstreams.inference.convert.SourceConverter;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import java.util.Locale;

/**
 * The numeric precision a model runs in ({@code vision.model.precision}). {@link #AUTO}, the default, picks
 * INT8 where it pays and float elsewhere ({@link PrecisionChoice}). {@link #INT8} applies to
 * the quantized TFLite image models (MobileNetV2, DeepLabv3; not the TFLite detector) on CPU: an MKLDNN INT8 graph calibrated
 * from the file's own scales and zero points. Float sources (SSDLite's TF.js weights) and GPUs
 * always run float32. The TFLite image models the application serves take the uint8 NHWC frame itself
 * ({@link Uint8InputConversion}).
 */
public enum Precision {
    FP32, INT8, AUTO;

    /** TFLite to a float graph taking uint8 NHWC frames (normalization and layout change in the graph), ending before a final resize. */
    private static final SourceConverter TFLITE_FP32 = new SourceConverter("tflite3-u8", Uint8InputConversion::fp32);

    /** TFLite to an MXNet INT8 graph taking uint8 NHWC frames; its own version keeps it apart in the cache. */
    private static final SourceConverter TFLITE_INT8 = new SourceConverter("tflite3-u8-int8", Uint8InputConversion::int8);

    public static Precision fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision a model really gets on this device when this one is asked for: FP32 or INT8. */
    public Precision effective(ModelSpec model, boolean cpu) {
        return PrecisionChoice.of(this, model, cpu).precision();
    }

    /** Whether the model converts to an INT8 graph. */
    static boolean hasInt8Graph(ModelSpec model) {
        return isImageTflite(model);
    }

    /** The converter of a model at this (effective) precision. */
    SourceConverter converter(ModelSpec model) {
        if (isImageTflite(model)) {
            return this == INT8 ? TFLITE_INT8 : TFLITE_FP32;
        }
        return TaskModels.converter(model.format());
    }

    /** The TFLite classifiers and segmenters (not the TFLite detector, whose graph ends in a custom op). */
    private static boolean isImageTflite(ModelSpec model) {
        return model.format() == SourceFormat.TFLITE && model.task() != VisionTask.DETECTION;
    }
}
