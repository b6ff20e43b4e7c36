package io.visionstreams.ingest;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Resizes frames as the reference runtimes' preprocessing did. */
public final class ImageResize {

    private ImageResize() {}

    /**
     * OpenCV {@code resize(INTER_LINEAR)} on uint8: bilinear, half-pixel centres, no antialiasing
     * (MobileNetV2 and DeepLabv3 references).
     */
    public static RgbImage bilinear(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        OpenCv.load();
        Mat src = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat dst = new Mat();
        try {
            src.put(0, 0, image.pixels());
            Imgproc.resize(src, dst, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            byte[] out = new byte[width * height * 3];
            dst.get(0, 0, out);
            return new RgbImage(width, height, out);
        } finally {
            src.release();
            dst.release();
        }
    }
}
