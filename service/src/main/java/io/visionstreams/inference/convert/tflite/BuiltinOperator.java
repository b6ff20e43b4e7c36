package io.visionstreams.inference.convert.tflite;

/**
 * The TFLite builtin operators this package recognises, with their schema codes. Other codes read
 * as {@link #OTHER} (the operator keeps its numeric code for messages).
 */
public enum BuiltinOperator {
    ADD(0),
    AVERAGE_POOL_2D(1),
    CONCATENATION(2),
    CONV_2D(3),
    DEPTHWISE_CONV_2D(4),
    DEQUANTIZE(6),
    FULLY_CONNECTED(9),
    LOGISTIC(14),
    MAX_POOL_2D(17),
    MUL(18),
    RELU(19),
    RELU6(21),
    RESHAPE(22),
    RESIZE_BILINEAR(23),
    SOFTMAX(25),
    CUSTOM(32),
    PAD(34),
    MEAN(40),
    SQUEEZE(43),
    ARG_MAX(56),
    RESIZE_NEAREST_NEIGHBOR(97),
    QUANTIZE(114),
    OTHER(-1);

    private final int code;

    BuiltinOperator(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static BuiltinOperator of(int code) {
        for (BuiltinOperator op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return OTHER;
    }
}
