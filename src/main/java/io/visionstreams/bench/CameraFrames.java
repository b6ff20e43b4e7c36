package io.visionstreams.bench;

import io.visionstreams.ingest.OpenCv;
import io.visionstreams.ingest.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Camera-like frames made from a sample image: resized (stretched) to a camera's size, encoded as JPEG. */
public final class CameraFrames {

    private CameraFrames() {}

    /** {@code image} resized to {@code width} x {@code height} (bilinear) and encoded as a JPEG of {@code quality}. */
    public static byte[] jpeg(RgbImage image, int width, int height, int quality) {
        OpenCv.load();
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat bgr = new Mat();
        MatOfByte out = new MatOfByte();
        try {
            rgb.put(0, 0, image.pixels());
            Imgproc.resize(rgb, bgr, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_RGB2BGR);
            if (!Imgcodecs.imencode(".jpg", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
                throw new IllegalStateException("OpenCV could not encode a " + width + "x" + height + " JPEG");
            }
            return out.toArray();
        } finally {
            rgb.release();
            bgr.release();
            out.release();
        }
    }
}
