package io.visionstreams.eval.sequence;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A real object cut from a sample image: the box of one of its YOLO labels ({@code <image>.txt}
 * beside it: {@code class cx cy w h}, normalized) grown by {@link #MARGIN} of the box on each side,
 * within the image, so the object keeps some of its own background.
 *
 * @param cocoClass the YOLO (0-based, 80-class COCO) index
 * @param patch     the cut
 * @param object    the object's box inside the patch, in the patch's pixels
 */
public record Sprite(String name, int cocoClass, BufferedImage patch, Rectangle2D object) {

    public static final double MARGIN = 0.15;

    /** Cuts the {@code line}-th (0-based) label of {@code image} out of it. */
    public static Sprite cut(Path imagesDir, String image, int line, String name) throws IOException {
        Path file = imagesDir.resolve(image);
        String stem = image.substring(0, image.lastIndexOf('.'));
        List<String> labels = Files.readAllLines(imagesDir.resolve(stem + ".txt"));
        if (line >= labels.size()) {
            throw new IOException(stem + ".txt has no label " + line);
        }
        String[] f = labels.get(line).trim().split("\\s+");
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("cannot read " + file);
        }
        int iw = img.getWidth();
        int ih = img.getHeight();
        double w = Double.parseDouble(f[3]) * iw;
        double h = Double.parseDouble(f[4]) * ih;
        double x = Double.parseDouble(f[1]) * iw - w / 2;
        double y = Double.parseDouble(f[2]) * ih - h / 2;
        int cx0 = (int) Math.max(0, Math.floor(x - MARGIN * w));
        int cy0 = (int) Math.max(0, Math.floor(y - MARGIN * h));
        int cx1 = (int) Math.min(iw, Math.ceil(x + w + MARGIN * w));
        int cy1 = (int) Math.min(ih, Math.ceil(y + h + MARGIN * h));
        BufferedImage patch = new BufferedImage(cx1 - cx0, cy1 - cy0, BufferedImage.TYPE_3BYTE_BGR);
        patch.createGraphics().drawImage(img.getSubimage(cx0, cy0, cx1 - cx0, cy1 - cy0), 0, 0, null);
        double ox = Math.max(0, x - cx0);
        double oy = Math.max(0, y - cy0);
        return new Sprite(name, Integer.parseInt(f[0]), patch, new Rectangle2D.Double(ox, oy,
                Math.min(w, patch.getWidth() - ox), Math.min(h, patch.getHeight() - oy)));
    }

    /** MOTChallenge's class column for this object: the COCO index + 1 (person = 1, as MOT's pedestrian). */
    public int motClass() {
        return cocoClass + 1;
    }
}
