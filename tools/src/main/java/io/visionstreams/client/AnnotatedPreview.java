package io.visionstreams.client;

import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.Overlay;
import io.visionstreams.task.TaskSpecs;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A picture of one event's results for people. In: the decoded image, and its results, each drawn as
 * its task's {@code TaskSpec.overlay} says. Out: an RGB image of the same size with, in this order, every
 * label map as a translucent overlay in the PASCAL VOC colour palette (background 0 and the 255 "void"
 * label left clear), every box, clipped to the image, with its tag (label and score), and every label
 * map's legend. All drawing is Java2D; nothing here rasterizes by hand.
 */
public final class AnnotatedPreview {

    /** Half-opaque: the object stays visible under its colour. */
    private static final int OVERLAY_ALPHA = 128;
    private static final IndexColorModel VOC_OVERLAY = vocOverlay();
    /** Tableau 10: distinct, and readable on photographs. */
    private static final Color[] BOX_COLOURS = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
            new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private AnnotatedPreview() {}

    /**
     * @param records the event's results, any task's Avro records; each is drawn as its task's
     *                {@code TaskSpec.overlay} says (a record of no task, or of one that draws nothing, adds nothing)
     */
    public static BufferedImage draw(RgbImage image, Collection<?> records) {
        List<Overlay> overlays = new ArrayList<>();
        for (Object r : records) {
            TaskSpecs.ofRecord(r).flatMap(spec -> spec.overlayOf(r)).ifPresent(overlays::add);
        }
        return drawOverlays(image, overlays);
    }

    /** The image with the overlays' masks, then their boxes, then their legends, each layer in list order. */
    public static BufferedImage drawOverlays(RgbImage image, List<Overlay> overlays) {
        int w = image.width();
        int h = image.height();
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(rgbView(image), 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.min(w, h) / 30)));
            for (Overlay o : overlays) {
                o.mask().ifPresent(m -> g.drawImage(overlay(m.labels().resizeNearest(w, h)), 0, 0, null));
            }
            float stroke = Math.max(2f, Math.min(w, h) / 160f);
            g.setStroke(new BasicStroke(stroke));
            for (Overlay o : overlays) {
                o.shapes().forEach(shape -> ZoneDrawing.draw(g, shape, w, h, stroke));
            }
            for (Overlay o : overlays) {
                List<Overlay.Box> boxes = o.boxes();
                for (int i = boxes.size() - 1; i >= 0; i--) { // the first (highest score) drawn last, so on top
                    drawBox(g, boxes.get(i), w, h, stroke);
                }
            }
            for (Overlay o : overlays) {
                o.mask().ifPresent(m -> drawLegend(g, m.legend(), h));
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK's ImageIO");
        }
    }

    private static void drawBox(Graphics2D g, Overlay.Box b, int w, int h, float stroke) {
        // boxes are unclipped model outputs: keep the outline inside the picture
        double half = stroke / 2;
        double x0 = clamp(b.xMin() * w, half, w - half);
        double y0 = clamp(b.yMin() * h, half, h - half);
        double x1 = clamp(b.xMax() * w, half, w - half);
        double y1 = clamp(b.yMax() * h, half, h - half);
        if (x1 <= x0 || y1 <= y0) {
            return; // entirely outside the image
        }
        Color colour = BOX_COLOURS[Math.floorMod(b.colourKey(), BOX_COLOURS.length)];
        g.setColor(colour);
        g.draw(new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0));

        String text = b.text();
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(text) + 6;
        int th = fm.getAscent() + fm.getDescent() + 2;
        int tx = (int) Math.max(0, Math.min(x0 - half, w - tw));
        // above the box when there is room, else just inside its top edge
        int ty = y0 - half - th >= 0 ? (int) (y0 - half - th) : (int) Math.min(y0 - half, Math.max(0, h - th));
        g.fillRect(tx, ty, tw, th);
        g.setColor(luminance(colour) > 150 ? Color.BLACK : Color.WHITE);
        g.drawString(text, tx + 3, ty + 1 + fm.getAscent());
    }

    /** One swatch and its text ("label NN%") per legend line, bottom left, so that a colour can be read. */
    private static void drawLegend(Graphics2D g, List<Overlay.LegendEntry> shown, int h) {
        FontMetrics fm = g.getFontMetrics();
        int line = fm.getAscent() + fm.getDescent() + 2;
        int y = h - line * shown.size() - 3;
        for (Overlay.LegendEntry c : shown) {
            String text = c.text();
            int tw = line + fm.stringWidth(text) + 8;
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(3, y, tw, line);
            g.setColor(new Color(VOC_OVERLAY.getRGB(c.index()) | 0xFF000000)); // the swatch fully opaque
            g.fillRect(5, y + 2, line - 4, line - 4);
            g.setColor(Color.WHITE);
            g.drawString(text, 3 + line + 4, y + 1 + fm.getAscent());
            y += line;
        }
    }

    /** The decoded RGB bytes seen as an image, without copying them. */
    private static BufferedImage rgbView(RgbImage image) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(image.pixels(),
                image.pixels().length), image.width(), image.height(), image.width() * 3, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    /** The label map seen as an indexed image whose palette does the colouring and the transparency. */
    private static BufferedImage overlay(LabelMap mask) {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(mask.labels(), mask.labels().length),
                mask.width(), mask.height(), mask.width(), 1, new int[] {0}, null);
        return new BufferedImage(VOC_OVERLAY, raster, false, null);
    }

    /** The PASCAL VOC palette (class bits spread over the high bits of R, G, B), 0 and 255 transparent. */
    private static IndexColorModel vocOverlay() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        byte[] a = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 7; bit >= 0; bit--, c >>= 3) {
                r[i] |= (byte) ((c & 1) << bit);
                g[i] |= (byte) (((c >> 1) & 1) << bit);
                b[i] |= (byte) (((c >> 2) & 1) << bit);
            }
            a[i] = (byte) (i == 0 || i == 255 ? 0 : OVERLAY_ALPHA);
        }
        return new IndexColorModel(8, 256, r, g, b, a);
    }


    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int luminance(Color c) {
        return (299 * c.getRed() + 587 * c.getGreen() + 114 * c.getBlue()) / 1000;
    }
}
