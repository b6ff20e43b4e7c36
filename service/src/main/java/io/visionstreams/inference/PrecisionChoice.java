package io.visionstreams.inference;

/**
 * The precision a model really runs in, and why: what {@code vision.model.precision} asked for, whether the
 * model has an INT8 graph, the device, and for {@code auto} the CPU's INT8 instructions ({@link CpuFeatures})
 * and the model's measured INT8 agreement ({@link ModelSpec.Int8OnAuto}).
 *
 * @param precision {@link Precision#FP32} or {@link Precision#INT8}, never {@link Precision#AUTO}
 * @param reason    one line for people and for {@code bench model --json}
 */
public record PrecisionChoice(Precision precision, String reason) {

    /** The choice on this machine's CPU (or a GPU where {@code cpu} is false). */
    public static PrecisionChoice of(Precision asked, ModelSpec model, boolean cpu) {
        return of(asked, model, cpu, CpuFeatures.local());
    }

    public static PrecisionChoice of(Precision asked, ModelSpec model, boolean cpu, CpuFeatures features) {
        if (asked == Precision.FP32) {
            return new PrecisionChoice(Precision.FP32, "fp32 asked");
        }
        if (!cpu) {
            return new PrecisionChoice(Precision.FP32, asked.configName() + ": INT8 graphs run on CPU only");
        }
        if (!Precision.hasInt8Graph(model)) {
            return new PrecisionChoice(Precision.FP32, asked.configName() + ": no INT8 graph for this model");
        }
        if (asked == Precision.INT8) {
            return new PrecisionChoice(Precision.INT8, "int8 asked");
        }
        if (!features.hasInt8Acceleration()) {
            return new PrecisionChoice(Precision.FP32, "auto: the CPU has no VNNI or AMX");
        }
        String cpuHas = "auto: the CPU has " + String.join(" ", features.int8Features()) + "; ";
        return new PrecisionChoice(model.int8OnAuto().eligible() ? Precision.INT8 : Precision.FP32,
                cpuHas + model.int8OnAuto().evidence());
    }
}
