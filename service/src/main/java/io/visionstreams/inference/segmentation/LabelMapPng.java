package io.visionstreams.inference.segmentation;

import io.visionstreams.ingest.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Label maps as 8-bit greyscale PNG (pixel value = class index), the {@code mask_png} of the
 * Segmentation contract. Encoded and decoded with OpenCV's libpng. Thread-safe.
 */
public final class LabelMapPng {

    private LabelMapPng() {}

    public static byte[] encode(SegmentationResult result) {
        return encode(new LabelMap(result.width(), result.height(), result.labels()));
    }

    public static byte[] encode(LabelMap map) {
        OpenCv.load();
        Mat mat = new Mat(map.height(), map.width(), CvType.CV_8UC1);
        MatOfByte png = new MatOfByte();
        try {
            mat.put(0, 0, map.labels());
            if (!Imgcodecs.imencode(".png", mat, png)) {
                throw new IllegalStateException("OpenCV could not encode a " + map.width() + "x" + map.height() + " PNG");
            }
            return png.toArray();
        } finally {
            mat.release();
            png.release();
        }
    }

    /** @throws IllegalArgumentException when the bytes are not an 8-bit single-channel PNG */
    public static LabelMap decode(byte[] png) {
        OpenCv.load();
        Mat mat = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        try {
            if (mat.empty() || mat.type() != CvType.CV_8UC1) {
                throw new IllegalArgumentException("not an 8-bit greyscale label map PNG ("
                        + (mat.empty() ? "undecodable" : CvType.typeToString(mat.type())) + ")");
            }
            byte[] labels = new byte[mat.rows() * mat.cols()];
            mat.get(0, 0, labels);
            return new LabelMap(mat.cols(), mat.rows(), labels);
        } finally {
            mat.release();
        }
    }
}
