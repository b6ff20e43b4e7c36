package io.visionstreams.ingest;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The Java ImageIO path, for what OpenCV 4.9 cannot decode: GIF (first frame only) and JPEGs
 * libjpeg-turbo refuses (TwelveMonkeys reads, for instance, lossless JPEG and JPEGs with broken
 * ICC profiles). Bytes in, an 8-bit RGB Mat out; alpha is dropped, never composited: a transparent
 * palette entry keeps its colour, as OpenCV's decoders do.
 */
final class ImageIoDecoder {

    private ImageIoDecoder() {}

    static Mat decodeRgb(ImageFormat format, byte[] bytes, long maxPixels) throws DecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw corrupt(format, "no ImageIO reader", null);
        }
        ImageReader reader = readers.next(); // TwelveMonkeys registers ahead of the JDK's JPEG reader
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > maxPixels) { // the frame, not only the header already checked, must fit
                throw new DecodeException(DecodeException.Stage.VALIDATE, Reasons.TOO_MANY_PIXELS,
                        format + " frame of " + reader.getWidth(0) + "x" + reader.getHeight(0) + " exceeds "
                                + maxPixels + " pixels");
            }
            return toRgbMat(reader.read(0));
        } catch (IOException | RuntimeException e) {
            throw corrupt(format, e.toString(), e);
        } finally {
            reader.dispose();
        }
    }

    private static Mat toRgbMat(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        if (isGrey(image.getColorModel())) {
            replicateGrey(image, rgb);
        } else {
            copyRgb(image, rgb);
        }
        Mat mat = new Mat(height, width, CvType.CV_8UC3);
        mat.put(0, 0, rgb);
        return mat;
    }

    /**
     * Java's grey colour space is linear, so {@code getRGB} would brighten grey JPEG samples
     * (128 becomes 188) where libjpeg copies them: samples are taken as they are instead.
     */
    private static boolean isGrey(ColorModel model) {
        return !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    private static void replicateGrey(BufferedImage image, byte[] rgb) {
        int width = image.getWidth();
        int bits = image.getColorModel().getComponentSize(0);
        int max = (1 << bits) - 1;
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRaster().getSamples(0, y, width, 1, 0, row);
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                int grey = bits >= 8 ? row[x] >> (bits - 8) : row[x] * 255 / max;
                rgb[o] = rgb[o + 1] = rgb[o + 2] = (byte) grey;
            }
        }
    }

    private static void copyRgb(BufferedImage image, byte[] rgb) {
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // non-premultiplied ARGB: colour kept where alpha is 0
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                int argb = row[x];
                rgb[o] = (byte) (argb >> 16);
                rgb[o + 1] = (byte) (argb >> 8);
                rgb[o + 2] = (byte) argb;
            }
        }
    }

    private static DecodeException corrupt(ImageFormat format, String detail, Throwable cause) {
        return new DecodeException(DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE,
                format + " not decodable by ImageIO: " + detail, cause);
    }
}
