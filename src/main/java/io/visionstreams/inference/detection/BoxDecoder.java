package io.visionstreams.inference.detection;

/**
 * SSD box encodings {@code (ty, tx, th, tw)} in, boxes {@code (ymin, xmin, ymax, xmax)} out, normalized
 * like the anchors. TF's faster-RCNN box coder with scale factors 10, 10, 5, 5, computed in float32
 * in the same order as the TF.js graph's {@code Postprocessor/Decode} (whose divisions TF folded
 * into multiplications by 0.1, 0.2 and 0.5), so decoding adds no rounding differences of its own.
 */
public final class BoxDecoder {

    /** {@code div_recip}: 1 / 10 (y and x scale). */
    static final float YX_SCALE = 0.1f;
    /** {@code div_2_recip}: 1 / 5 (height and width scale). */
    static final float HW_SCALE = 0.2f;
    /** {@code div_4_recip}: 1 / 2. */
    static final float HALF = 0.5f;

    private BoxDecoder() {}

    /**
     * Decodes {@code anchors.count()} boxes from one frame's encodings starting at {@code offset},
     * reading anchor {@code i} from row {@code anchors.row(i)}.
     *
     * @return {@code 4 * anchors.count()} values in anchor order
     */
    public static float[] decode(float[] encodings, int offset, SsdAnchors anchors) {
        int n = anchors.count();
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            int e = offset + 4 * anchors.row(i);
            float ha = anchors.get(i, 2) - anchors.get(i, 0);
            float wa = anchors.get(i, 3) - anchors.get(i, 1);
            float halfHa = ha * HALF;
            float halfWa = wa * HALF;
            float yc = encodings[e] * YX_SCALE * ha + (anchors.get(i, 0) + halfHa);
            float xc = encodings[e + 1] * YX_SCALE * wa + (anchors.get(i, 1) + halfWa);
            // StrictMath: fdlibm, the exp V8 (and so TF.js's CPU backend) uses
            float halfH = halfHa * (float) StrictMath.exp(encodings[e + 2] * HW_SCALE);
            float halfW = halfWa * (float) StrictMath.exp(encodings[e + 3] * HW_SCALE);
            boxes[4 * i] = yc - halfH;
            boxes[4 * i + 1] = xc - halfW;
            boxes[4 * i + 2] = yc + halfH;
            boxes[4 * i + 3] = xc + halfW;
        }
        return boxes;
    }
}
