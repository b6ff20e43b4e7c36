package io.visionstreams.ingest;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Encoded image bytes in, an {@link RgbImage} out, decoded as the reference runtime did
 * (OpenCV {@code imread(IMREAD_COLOR)}: EXIF orientation applied, alpha dropped, grey replicated).
 * Thread-safe.
 */
public final class ImageDecoder {

    public ImageDecoder() {
        OpenCv.load();
    }

    public RgbImage decode(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(DecodeException.Stage.DECODE, "EMPTY_PAYLOAD", "the image has no bytes");
        }
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
        try {
            if (bgr.empty()) {
                throw new DecodeException(DecodeException.Stage.DECODE, "UNDECODABLE",
                        "OpenCV could not decode " + bytes.length + " bytes");
            }
            Mat rgb = new Mat();
            Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
            byte[] pixels = new byte[(int) (rgb.total() * rgb.channels())];
            rgb.get(0, 0, pixels);
            RgbImage image = new RgbImage(rgb.cols(), rgb.rows(), pixels);
            rgb.release();
            return image;
        } finally {
            bgr.release();
        }
    }
}
