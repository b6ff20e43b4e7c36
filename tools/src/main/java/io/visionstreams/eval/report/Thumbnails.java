package io.visionstreams.eval.report;

import io.visionstreams.client.AnnotatedPreview;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Annotated frames for the gallery: the event's image (from the images folder, by event id; a grey
 * canvas of the result's size where it is not there) drawn by {@link AnnotatedPreview} with a
 * result, scaled down and embedded as a JPEG {@code data:} URI.
 */
final class Thumbnails {

    private static final int WIDTH = 300;
    private static final float QUALITY = 0.82f;
    private static final byte GREY = (byte) 0x70;

    private final Path images;
    private final ImageDecoder decoder = new ImageDecoder();

    /** @param images folder of the images (event id = file name), or null */
    Thumbnails(Path images) {
        this.images = images;
    }

    /** The event's image, or a grey canvas of {@code width} × {@code height} when it cannot be read. */
    RgbImage image(String eventId, int width, int height) {
        if (images != null) {
            Path file = images.resolve(eventId).normalize();
            if (file.startsWith(images.normalize()) && Files.isRegularFile(file)) {
                try {
                    return decoder.decode(Files.readAllBytes(file));
                } catch (IOException | DecodeException e) {
                    // drawn on grey below: the results still show
                }
            }
        }
        byte[] grey = new byte[3 * width * height];
        Arrays.fill(grey, GREY);
        return new RgbImage(width, height, grey);
    }

    /** A data: URI of the frame with {@code record} drawn on it (as its task draws it); null draws nothing. */
    String annotated(RgbImage image, Object record) throws IOException {
        return dataUri(scale(AnnotatedPreview.draw(image, record == null ? List.of() : List.of(record))));
    }

    private static BufferedImage scale(BufferedImage full) {
        int w = Math.min(WIDTH, full.getWidth());
        int h = Math.max(1, (int) Math.round((double) full.getHeight() * w / full.getWidth()));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(full, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private static String dataUri(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer in this JDK's ImageIO");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
