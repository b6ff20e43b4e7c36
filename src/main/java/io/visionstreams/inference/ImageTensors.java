package io.visionstreams.inference;

import io.visionstreams.ingest.OpenCv;
import io.visionstreams.ingest.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Turns a decoded frame into the float tensor a converted vision model takes. */
public final class ImageTensors {

    private ImageTensors() {}

    /**
     * Planar CHW float32 ({@code out[(c * height + y) * width + x]}), each value
     * {@code (pixel - zeroPoint) * scale}: the dequantized input of a uint8 TFLite model. Done in
     * bulk by OpenCV (convert to float with scale and offset, split the channels, stack the planes).
     */
    public static float[] normalizedChw(RgbImage image, float zeroPoint, float scale) {
        OpenCv.load();
        int w = image.width();
        int h = image.height();
        Mat hwc = new Mat(h, w, CvType.CV_8UC3);
        Mat floats = new Mat();
        List<Mat> planes = new ArrayList<>(3);
        Mat chw = new Mat();
        try {
            hwc.put(0, 0, image.pixels());
            hwc.convertTo(floats, CvType.CV_32FC3, scale, -zeroPoint * scale);
            Core.split(floats, planes);
            Core.vconcat(planes, chw);
            float[] out = new float[3 * w * h];
            chw.get(0, 0, out);
            return out;
        } finally {
            hwc.release();
            floats.release();
            planes.forEach(Mat::release);
            chw.release();
        }
    }
}
