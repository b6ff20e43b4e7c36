package io.visionstreams.bench;

import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.OpenCv;
import io.visionstreams.ingest.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Camera-like inputs made from the sample images: each decodable sample stretched to a camera
 * resolution (640x480, 1920x1080) and encoded as JPEG at quality 90, as an IP camera sends it.
 */
public final class CameraFrames {

    /** A named input set: "samples" (the files as they are) or a camera resolution. */
    public record FrameSet(String name, int width, int height) {

        public static final FrameSet SAMPLES = new FrameSet("samples", 0, 0);
        public static final FrameSet VGA = new FrameSet("640x480", 640, 480);
        public static final FrameSet FULL_HD = new FrameSet("1920x1080", 1920, 1080);

        public static FrameSet parse(String name) {
            for (FrameSet s : List.of(SAMPLES, VGA, FULL_HD)) {
                if (s.name.equals(name.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("frames '" + name + "': expected samples, 640x480 or 1920x1080");
        }
    }

    public static final int JPEG_QUALITY = 90;

    private CameraFrames() {}

    /**
     * The images of {@code set} as a folder: the sample folder itself, or a new folder under {@code work}
     * with one JPEG per decodable sample.
     */
    public static Path folder(Path samples, FrameSet set, Path work) throws IOException {
        if (set.width() == 0) {
            return samples;
        }
        Path dir = Files.createDirectories(work.resolve("frames-" + set.name()));
        ImageDecoder decoder = new ImageDecoder();
        for (Path file : BenchImages.list(samples)) {
            try {
                Files.write(dir.resolve(file.getFileName() + ".jpg"), jpeg(decoder.decode(Files.readAllBytes(file)), set));
            } catch (io.visionstreams.ingest.DecodeException e) {
                throw new IOException(file + " decoded before but not now", e);
            }
        }
        return dir;
    }

    /** A sample as the camera of {@code set} sends it: stretched to its resolution, JPEG at {@link #JPEG_QUALITY}. */
    public static byte[] jpeg(RgbImage sample, FrameSet set) {
        return jpeg(ImageResize.bilinear(sample, set.width(), set.height()), JPEG_QUALITY);
    }

    /** The frame as a baseline JPEG of the given quality (libjpeg-turbo through OpenCV). */
    public static byte[] jpeg(RgbImage frame, int quality) {
        OpenCv.load();
        Mat rgb = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        Mat bgr = new Mat();
        MatOfByte out = new MatOfByte();
        try {
            rgb.put(0, 0, frame.pixels());
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            Imgcodecs.imencode(".jpg", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
            return out.toArray();
        } finally {
            rgb.release();
            bgr.release();
            out.release();
        }
    }

    /** Every set, in order. */
    public static List<FrameSet> all() {
        return new ArrayList<>(List.of(FrameSet.SAMPLES, FrameSet.VGA, FrameSet.FULL_HD));
    }
}
