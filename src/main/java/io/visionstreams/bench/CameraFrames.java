package io.visionstreams.bench;

import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.OpenCv;
import io.visionstreams.ingest.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Camera-like JPEGs made from a sample image: resized to a camera resolution, encoded at a quality. */
public final class CameraFrames {

    private CameraFrames() {}

    /** {@code image} resized (bilinear, aspect not kept) to {@code width x height} and JPEG-encoded by OpenCV. */
    public static byte[] jpeg(RgbImage image, int width, int height, int quality) {
        return encode(ImageResize.bilinear(image, width, height), ".jpg",
                new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
    }

    /** {@code image} as a PNG. */
    public static byte[] png(RgbImage image) {
        return encode(image, ".png", new MatOfInt());
    }

    private static byte[] encode(RgbImage image, String ext, MatOfInt params) {
        OpenCv.load();
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat bgr = new Mat();
        MatOfByte out = new MatOfByte();
        try {
            rgb.put(0, 0, image.pixels());
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            if (!Imgcodecs.imencode(ext, bgr, out, params)) {
                throw new IllegalStateException("OpenCV could not encode " + ext);
            }
            return out.toArray();
        } finally {
            rgb.release();
            bgr.release();
            out.release();
        }
    }
}
