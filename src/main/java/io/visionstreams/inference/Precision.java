package io.visionstreams.inference;

import io.visionstreams.inference.ModelSpec.SourceFormat;
import io.visionstreams.inference.convert.SourceConverter;
import io.visionstreams.inference.convert.tflite.Int8Conversion;
import java.util.Locale;

/**
 * The numeric precision a model runs in ({@code vision.model.precision}). {@link #INT8} applies to
 * the quantized TFLite models (MobileNetV2, DeepLabv3) on CPU: an MKLDNN INT8 graph calibrated
 * from the file's own scales and zero points. Float sources (SSDLite's TF.js weights) and GPUs
 * always run float32.
 */
public enum Precision {
    FP32, INT8;

    /** TFLite to an MXNet INT8 graph; its own version keeps it apart from the float conversion in the cache. */
    private static final SourceConverter TFLITE_INT8 = new SourceConverter("tflite1-int8", Int8Conversion::convert);

    public static Precision fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision a model of this format really gets on this device when this one is asked for. */
    public Precision effective(SourceFormat format, boolean cpu) {
        return this == INT8 && format == SourceFormat.TFLITE && cpu ? INT8 : FP32;
    }

    /** The converter of a source format at this (effective) precision. */
    SourceConverter converter(SourceFormat format) {
        return this == INT8 && format == SourceFormat.TFLITE ? TFLITE_INT8 : TaskModels.converter(format);
    }
}
