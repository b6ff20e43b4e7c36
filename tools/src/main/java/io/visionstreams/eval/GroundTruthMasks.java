package io.visionstreams.eval;

import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.ingest.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Ground-truth segmentation masks in the formats of the sample sets, as label maps of VOC class
 * indices with {@link SegmentationMetrics#IGNORE} for pixels that do not count.
 */
public final class GroundTruthMasks {

    private static final int VOC_CLASSES = 21;
    private static final int VOC_BIRD = 3;
    private static final int VOC_DOG = 12;

    private static final Map<Integer, Integer> VOC_BY_COLOUR = vocByColour();

    private GroundTruthMasks() {}

    /**
     * A VOC colour mask (RGB) mapped back through the VOC palette; the border colour (224, 224, 192)
     * is index 255, i.e. ignore.
     *
     * @throws IllegalArgumentException on a colour that is not a VOC class colour
     */
    public static LabelMap fromVocColours(RgbImage mask) {
        byte[] px = mask.pixels();
        byte[] labels = new byte[mask.width() * mask.height()];
        for (int i = 0; i < labels.length; i++) {
            int rgb = (px[3 * i] & 0xFF) << 16 | (px[3 * i + 1] & 0xFF) << 8 | (px[3 * i + 2] & 0xFF);
            Integer c = VOC_BY_COLOUR.get(rgb);
            if (c == null) {
                throw new IllegalArgumentException(String.format("colour #%06x at pixel %d is not a VOC class", rgb, i));
            }
            labels[i] = c.byteValue();
        }
        return new LabelMap(mask.width(), mask.height(), labels);
    }

    /** VOC's bit-interleaved palette colour of a class index, as 0xRRGGBB. */
    public static int vocColour(int index) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = index;
        for (int j = 0; j < 8; j++) {
            r |= (c & 1) << (7 - j);
            g |= ((c >> 1) & 1) << (7 - j);
            b |= ((c >> 2) & 1) << (7 - j);
            c >>= 3;
        }
        return r << 16 | g << 8 | b;
    }

    private static Map<Integer, Integer> vocByColour() {
        Map<Integer, Integer> byColour = new HashMap<>();
        for (int c = 0; c < VOC_CLASSES; c++) {
            byColour.put(vocColour(c), c);
        }
        byColour.put(vocColour(SegmentationMetrics.IGNORE), SegmentationMetrics.IGNORE);
        return Map.copyOf(byColour);
    }

    /**
     * The raw values of a single-channel 8-bit image (BMP or PNG): palette indices of an indexed
     * image, not the colours they stand for. (ImageIO reads an 8-bit BMP whose palette is the grey
     * ramp as plain greyscale; its values are the indices too.)
     */
    public static LabelMap readIndexed(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null || image.getRaster().getNumBands() != 1
                || image.getSampleModel().getSampleSize(0) != 8) {
            throw new IOException(file + " is not a single-channel 8-bit image");
        }
        Raster raster = image.getRaster();
        byte[] labels = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                labels[y * image.getWidth() + x] = (byte) raster.getSample(x, y, 0);
            }
        }
        return new LabelMap(image.getWidth(), image.getHeight(), labels);
    }

    /**
     * A VOC ground-truth mask file: a palette or greyscale image (the pixel values are the class
     * indices, 255 ignored), or an RGB image in VOC's colours ({@link #fromVocColours}).
     *
     * @throws IOException when the file is not an image, or an RGB pixel is not a VOC colour
     */
    public static LabelMap readVoc(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not an image ImageIO reads");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1) {
            byte[] labels = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    labels[y * w + x] = (byte) raster.getSample(x, y, 0);
                }
            }
            return new LabelMap(w, h, labels);
        }
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = image.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (c >> 16);
                rgb[i + 1] = (byte) (c >> 8);
                rgb[i + 2] = (byte) c;
            }
        }
        try {
            return fromVocColours(new RgbImage(w, h, rgb));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Coral bird mask: 0 background, 3 bird; 1 and 2 (resampling artefacts on the border) ignored. */
    public static LabelMap fromCoralBird(LabelMap raw) {
        return remap(raw, new int[] {0, 255, 255, VOC_BIRD});
    }

    /** Oxford-IIIT pet trimap minus one: 0 pet (the coral sample is a dog), 1 background, 2 border (ignored). */
    public static LabelMap fromOxfordTrimap(LabelMap raw) {
        return remap(raw, new int[] {VOC_DOG, 0, 255});
    }

    private static LabelMap remap(LabelMap raw, int[] table) {
        byte[] out = new byte[raw.labels().length];
        for (int i = 0; i < out.length; i++) {
            int v = raw.labels()[i] & 0xFF;
            if (v >= table.length) {
                throw new IllegalArgumentException("mask value " + v + " at pixel " + i + " is not in 0.."
                        + (table.length - 1));
            }
            out[i] = (byte) table[v];
        }
        return new LabelMap(raw.width(), raw.height(), out);
    }
}
