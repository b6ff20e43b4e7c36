package io.visionstreams.inference.convert.tflite;

/**
 * One operator of a TFLite subgraph: what it is, its input and output tensor indices
 * ({@code -1} = optional input absent) and its builtin options.
 *
 * @param code    the builtin operator code (also set for operators this package does not know)
 * @param custom  the custom op name for CUSTOM operators, otherwise {@code null}
 */
public record TfliteOperator(int index, BuiltinOperator op, int code, String custom, int[] inputs, int[] outputs,
                             OpOptions options) {

    /** Tensor index of input {@code i}, or {@code -1} when absent. */
    public int input(int i) {
        return i < inputs.length ? inputs[i] : -1;
    }

    public int output() {
        return outputs[0];
    }

    /** For messages: {@code #12 CONV_2D} or {@code #40 builtin 99}. */
    public String describe() {
        String what = op != BuiltinOperator.OTHER ? op.name()
                : custom != null ? "custom " + custom : "builtin " + code;
        return "#" + index + " " + what;
    }
}
