package io.visionstreams.inference.detection;

/**
 * SSD box encodings {@code (ty, tx, th, tw)} in, boxes {@code (ymin, xmin, ymax, xmax)} out, normalized
 * like the anchors: TF's faster-RCNN box coder,
 * {@code yc = ty / yScale * ha + yca}, {@code h / 2 = exp(th / hScale) * ha / 2} (and so for x, w),
 * computed in float32 in the order of the runtime being matched ({@link BoxCoder}): the TF.js
 * graph's {@code Postprocessor/Decode} for SSDLite, TFLite 2.6's {@code DecodeCenterSizeBoxes} for
 * models with their own post-processing op. Halving is exact in float32, so {@code (ha / 2) * e}
 * and {@code 0.5 * e * ha} agree bit for bit; decoding adds no rounding differences of its own.
 */
public final class BoxDecoder {

    private BoxDecoder() {}

    /** SSDLite's decoding ({@link BoxCoder#TFJS_SSD}). */
    public static float[] decode(float[] encodings, int offset, SsdAnchors anchors) {
        return decode(encodings, offset, anchors, BoxCoder.TFJS_SSD);
    }

    /**
     * Decodes {@code anchors.count()} boxes from one frame's encodings starting at {@code offset},
     * reading anchor {@code i} from row {@code anchors.row(i)}.
     *
     * @return {@code 4 * anchors.count()} values in anchor order
     */
    public static float[] decode(float[] encodings, int offset, SsdAnchors anchors, BoxCoder coder) {
        int n = anchors.count();
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            int e = offset + 4 * anchors.row(i);
            float ha = anchors.height(i);
            float wa = anchors.width(i);
            float yc = coder.y(encodings[e]) * ha + anchors.yCenter(i);
            float xc = coder.x(encodings[e + 1]) * wa + anchors.xCenter(i);
            // StrictMath: fdlibm, the exp V8 (and so TF.js's CPU backend) uses; within rounding of C's expf
            float halfH = ha * 0.5f * (float) StrictMath.exp(coder.h(encodings[e + 2]));
            float halfW = wa * 0.5f * (float) StrictMath.exp(coder.w(encodings[e + 3]));
            boxes[4 * i] = yc - halfH;
            boxes[4 * i + 1] = xc - halfW;
            boxes[4 * i + 2] = yc + halfH;
            boxes[4 * i + 3] = xc + halfW;
        }
        return boxes;
    }
}
