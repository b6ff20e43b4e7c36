package io.visionstreams.ingest;

import java.awt.image.BufferedImage;
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
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width); // non-premultiplied ARGB: colour kept where alpha is 0
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                int argb = row[x];
                rgb[o] = (byte) (argb >> 16);
                rgb[o + 1] = (byte) (argb >> 8);
                rgb[o + 2] = (byte) argb;
            }
        }
        Mat mat = new Mat(height, width, CvType.CV_8UC3);
        mat.put(0, 0, rgb);
        return mat;
    }

    private static DecodeException corrupt(ImageFormat format, String detail, Throwable cause) {
        return new DecodeException(DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE,
                format + " not decodable by ImageIO: " + detail, cause);
    }
}
