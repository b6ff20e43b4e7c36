package io.visionstreams.inference.detection;

/**
 * TF's faster-RCNN box coder settings: the scale factors of {@code (ty, tx, th, tw)} and how the
 * runtime being matched applies them. The TF.js SSDLite graph folded its divisions into
 * multiplications by the float32 reciprocals ({@code div_recip} = 0.1, {@code div_2_recip} = 0.2);
 * TFLite's {@code TFLite_Detection_PostProcess} kernel divides by the scales of its options.
 *
 * @param reciprocals multiply by {@code 1f / scale} instead of dividing by {@code scale}
 */
public record BoxCoder(float yScale, float xScale, float hScale, float wScale, boolean reciprocals) {

    /** SSDLite's TF.js graph: scales 10, 10, 5, 5, applied as multiplications by 0.1f and 0.2f. */
    public static final BoxCoder TFJS_SSD = new BoxCoder(10f, 10f, 5f, 5f, true);

    public BoxCoder {
        if (yScale == 0 || xScale == 0 || hScale == 0 || wScale == 0) {
            throw new IllegalArgumentException("box coder scales must not be 0");
        }
    }

    /** The coder of a TFLite post-processing op: divisions by its scales. */
    public static BoxCoder of(PostProcessOptions options) {
        return new BoxCoder(options.yScale(), options.xScale(), options.hScale(), options.wScale(), false);
    }

    float y(float v) {
        return reciprocals ? v * (1f / yScale) : v / yScale;
    }

    float x(float v) {
        return reciprocals ? v * (1f / xScale) : v / xScale;
    }

    float h(float v) {
        return reciprocals ? v * (1f / hScale) : v / hScale;
    }

    float w(float v) {
        return reciprocals ? v * (1f / wScale) : v / wScale;
    }
}
