package io.visionstreams.client.camera;

import io.visionstreams.ingest.OpenCv;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** JPEG encoding of camera frames with OpenCV's libjpeg-turbo (the same OpenCV that decodes them). */
final class Jpeg {

    private Jpeg() {}

    /**
     * @param bgr    packed 8-bit BGR rows, {@code stride} bytes apart (a direct buffer: read in place)
     * @param quality 1..100
     */
    static byte[] encodeBgr(ByteBuffer bgr, int width, int height, int stride, int quality) throws IOException {
        OpenCv.load();
        Mat image = new Mat(height, width, CvType.CV_8UC3, bgr.duplicate().position(0), stride);
        try {
            return encode(image, quality);
        } finally {
            image.release();
        }
    }

    /** Decodes and encodes again at {@code quality}. */
    static byte[] reencode(byte[] jpeg, int quality) throws IOException {
        OpenCv.load();
        MatOfByte in = new MatOfByte(jpeg);
        Mat image = Imgcodecs.imdecode(in, Imgcodecs.IMREAD_COLOR);
        try {
            if (image.empty()) {
                throw new IOException("not a decodable JPEG (" + jpeg.length + " bytes)");
            }
            return encode(image, quality);
        } finally {
            in.release();
            image.release();
        }
    }

    private static byte[] encode(Mat image, int quality) throws IOException {
        MatOfByte out = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        try {
            if (!Imgcodecs.imencode(".jpg", image, out, params)) {
                throw new IOException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " frame");
            }
            return out.toArray();
        } finally {
            out.release();
            params.release();
        }
    }
}
