package io.visionstreams.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Small tracking scenes for tests, drawn with Java2D: a real object cut from a sample image (with a
 * margin of its own background) moving over a plain grey 640×480 background, one JPEG per frame.
 */
public final class MovingObjects {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;

    private MovingObjects() {}

    /** The zebra of COCO 000000000034.jpg (its labelled box, cx 0.346 cy 0.493 w 0.689 h 0.892, plus 5 %), scaled to {@code width} px. */
    public static BufferedImage zebra(int width) throws IOException {
        return cut("000000000034.jpg", 0.346, 0.493, 0.689, 0.892, 0.05, width);
    }

    static BufferedImage cut(String file, double cx, double cy, double w, double h, double margin, int width)
            throws IOException {
        BufferedImage src = ImageIO.read(SampleImages.image(file).toFile());
        int x0 = (int) Math.max(0, (cx - w / 2 - margin) * src.getWidth());
        int y0 = (int) Math.max(0, (cy - h / 2 - margin) * src.getHeight());
        int x1 = (int) Math.min(src.getWidth(), (cx + w / 2 + margin) * src.getWidth());
        int y1 = (int) Math.min(src.getHeight(), (cy + h / 2 + margin) * src.getHeight());
        BufferedImage crop = src.getSubimage(x0, y0, x1 - x0, y1 - y0);
        int height = Math.round((float) width * crop.getHeight() / crop.getWidth());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** A frame with {@code object} whose bottom centre stands at ({@code x}, {@code y}) in normalized coordinates. */
    public static byte[] frame(BufferedImage object, double x, double y) throws IOException {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.drawImage(object, (int) Math.round(x * WIDTH - object.getWidth() / 2.0),
                (int) Math.round(y * HEIGHT - object.getHeight()), null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(frame, "jpg", out);
        return out.toByteArray();
    }
}
