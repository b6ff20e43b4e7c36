package io.visionstreams.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * A valid small PNG whose eXIf chunk chains {@code depth} IFDs, each pointing to the next through a
 * SubIFDs pointer (tag 0x014A): metadata-extractor follows such a chain recursively (its issue
 * 559), so 50,000 of them (about 900 KB) overflow a thread's stack. The pixels are plain grey.
 */
public final class DeepExifPng {

    private static final int IFD_BYTES = 2 + 12 + 4;

    private DeepExifPng() {}

    public static byte[] png(int depth) {
        byte[] plain = greyPng(16, 16);
        int ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, then IHDR: length, type, 13 bytes of data, CRC
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, ihdrEnd);
        writeChunk(out, "eXIf", tiff(depth));
        out.write(plain, ihdrEnd, plain.length - ihdrEnd);
        return out.toByteArray();
    }

    /** Big-endian TIFF: header, then {@code depth} IFDs of one entry each, every one the next's parent. */
    private static byte[] tiff(int depth) {
        ByteBuffer b = ByteBuffer.allocate(8 + depth * IFD_BYTES);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        for (int i = 0; i < depth; i++) {
            int next = 8 + (i + 1) * IFD_BYTES;
            b.putShort((short) 1);
            b.putShort((short) 0x014A).putShort((short) 4).putInt(1).putInt(i + 1 < depth ? next : 0);
            b.putInt(0);
        }
        return b.array();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] greyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
