package io.visionstreams.ingest;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Builds odd-but-valid (and deliberately broken) encoded images for the ingest tests. */
final class TestImages {

    static final Scalar BGR_RED = new Scalar(0, 0, 255);
    static final Scalar BGR_WHITE = new Scalar(255, 255, 255);

    static {
        OpenCv.load();
    }

    private TestImages() {}

    /** White, {@code width x height}, with an 8x8 red block in the top-left corner (BGR Mat). */
    static Mat redTopLeft(int width, int height) {
        Mat mat = new Mat(height, width, CvType.CV_8UC3, BGR_WHITE);
        Imgproc.rectangle(mat, new Point(0, 0), new Point(7, 7), BGR_RED, -1);
        return mat;
    }

    static Mat filled(int width, int height, int type, Scalar value) {
        return new Mat(height, width, type, value);
    }

    /** OpenCV encoder for the extension ({@code .jpg}, {@code .png}, {@code .bmp}, {@code .webp}). */
    static byte[] encode(String extension, Mat mat, int... params) {
        MatOfByte out = new MatOfByte();
        if (!Imgcodecs.imencode(extension, mat, out, new MatOfInt(params))) {
            throw new IllegalStateException("OpenCV could not encode " + extension);
        }
        return out.toArray();
    }

    /** What OpenCV's own {@code imdecode(IMREAD_COLOR)} (= {@code imread}) gives, as RGB: the reference decode. */
    static RgbImage imreadRgb(byte[] encoded) {
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(encoded), Imgcodecs.IMREAD_COLOR);
        Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_BGR2RGB);
        byte[] pixels = new byte[bgr.cols() * bgr.rows() * 3];
        bgr.get(0, 0, pixels);
        return new RgbImage(bgr.cols(), bgr.rows(), pixels);
    }

    static byte[] jpeg(Mat mat) {
        return encode(".jpg", mat, Imgcodecs.IMWRITE_JPEG_QUALITY, 100);
    }

    /** The JPEG with an EXIF APP1 segment (big-endian IFD0 holding only Orientation) right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = exifTiff(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with an eXIf chunk (raw TIFF, orientation only) right after IHDR. */
    static byte[] pngWithExifOrientation(byte[] png, int orientation) {
        return insertPngChunk(png, "eXIf", exifTiff(orientation));
    }

    private static byte[] exifTiff(int orientation) {
        return new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
            0, 1,                                      // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0};                                // no next IFD
    }

    /**
     * A 4-channel JPEG with an Adobe APP14 marker ({@code transform} 0 = CMYK, 2 = YCCK) in the
     * Photoshop convention libjpeg and OpenCV expect: stored values are inverted (255 = no ink).
     * The JDK writer stores a 4-band raster as is; the marker tells decoders how to read it.
     */
    static byte[] adobeJpeg(int width, int height, int[] storedCmyk, int transform) {
        int[] samples = transform == 2 ? ycck(storedCmyk) : storedCmyk;
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, samples);
            }
        }
        byte[] plain = writeJpeg(new IIOImage(raster, null, null), false);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.writeBytes(adobe);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** libjpeg's YCCK: Y/Cb/Cr of (255 - C, 255 - M, 255 - Y) of the stored values, K unchanged. */
    private static int[] ycck(int[] cmyk) {
        double r = 255 - cmyk[0];
        double g = 255 - cmyk[1];
        double b = 255 - cmyk[2];
        int luma = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        int cb = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        int cr = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        return new int[] {clamp(luma), clamp(cb), clamp(cr), cmyk[3]};
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * An 8x8 grey lossless JPEG (SOF3, process 14) of uniform 128, built by hand: every difference
     * from the predicted 128 is 0, coded as a single 0 bit. libjpeg-turbo 2.1 (OpenCV 4.9) refuses
     * lossless JPEG; TwelveMonkeys reads it.
     */
    static byte[] losslessGreyJpeg() {
        int[] bytes = {0xFF, 0xD8,
            0xFF, 0xC3, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0,                      // SOF3: 8 bit, 8x8, 1 component
            0xFF, 0xC4, 0, 20, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, // DHT: one 1-bit code, category 0
            0xFF, 0xDA, 0, 8, 1, 1, 0x00, 1, 0, 0,                                 // SOS: predictor 1
            0, 0, 0, 0, 0, 0, 0, 0,                                                // 64 zero bits
            0xFF, 0xD9};
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    /** A progressive JPEG of an RGB BufferedImage, written by ImageIO. */
    static byte[] progressiveJpeg(BufferedImage image) {
        return writeJpeg(new IIOImage(image, null, null), true);
    }

    private static byte[] writeJpeg(IIOImage image, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A two-frame GIF: frame 1 has its left half red and its right half the transparent palette
     * entry, whose colour is green; frame 2 is all blue.
     */
    static byte[] twoFrameGif(int width, int height) {
        byte[] r = {(byte) 255, 0, 0, 0};
        byte[] g = {0, (byte) 255, 0, 0};
        byte[] b = {0, 0, (byte) 255, 0};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, 1); // index 1 (green) transparent
        BufferedImage first = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        BufferedImage second = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                first.getRaster().setSample(x, y, 0, x < width / 2 ? 0 : 1);
                second.getRaster().setSample(x, y, 0, 2);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Rewrites the IHDR width and height (and its CRC), leaving the pixel data as it was. */
    static byte[] withPngSize(byte[] png, long width, long height) {
        byte[] out = png.clone();
        putInt(out, 16, (int) width);
        putInt(out, 20, (int) height);
        fixPngCrc(out, 12, 13);
        return out;
    }

    /** Rewrites the frame size in the first SOFn segment. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; ) {
            int marker = out[i + 1] & 0xFF;
            int length = (out[i + 2] & 0xFF) << 8 | out[i + 3] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF segment");
    }

    /** Rewrites the logical screen and first image descriptor sizes (little-endian 16-bit). */
    static byte[] withGifSize(byte[] gif, int width, int height) {
        byte[] out = gif.clone();
        putShortLe(out, 6, width);
        putShortLe(out, 8, height);
        int i = 13 + ((out[10] & 0x80) != 0 ? 3 * (1 << ((out[10] & 7) + 1)) : 0);
        while (out[i] == 0x21) { // extensions: label, then sub-blocks until a zero length
            i += 2;
            while (out[i] != 0) {
                i += 1 + (out[i] & 0xFF);
            }
            i++;
        }
        if (out[i] != 0x2C) {
            throw new IllegalArgumentException("no image descriptor");
        }
        putShortLe(out, i + 5, width);
        putShortLe(out, i + 7, height);
        return out;
    }

    static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
        byte[] chunk = new byte[12 + data.length];
        putInt(chunk, 0, data.length);
        System.arraycopy(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        fixPngCrc(chunk, 4, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature + IHDR
        out.writeBytes(chunk);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** Offset of the first occurrence of an ASCII tag (a PNG chunk type, say), or -1. */
    static int indexOf(byte[] bytes, String tag) {
        byte[] t = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= bytes.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (bytes[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void fixPngCrc(byte[] b, int typeOffset, int dataLength) {
        CRC32 crc = new CRC32();
        crc.update(b, typeOffset, 4 + dataLength);
        putInt(b, typeOffset + 4 + dataLength, (int) crc.getValue());
    }

    private static void putInt(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }

    private static void putShortLe(byte[] b, int offset, int v) {
        b[offset] = (byte) v;
        b[offset + 1] = (byte) (v >> 8);
    }
}
