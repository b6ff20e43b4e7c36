package io.visionstreams.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Image container formats recognised from their leading magic bytes; a producer's
 * {@code content_type} is never consulted. JPEG, PNG, BMP, GIF and WebP are decoded; TIFF,
 * JPEG 2000 and HEIF/AVIF are recognised only to be refused with a precise reason
 * ({@code UNSUPPORTED_FORMAT}): they are rare in camera and upload streams, and each would widen
 * the native attack surface (libtiff, openjpeg) for no gain.
 */
public enum ImageFormat {
    JPEG(true),
    PNG(true),
    BMP(true),
    GIF(true),
    WEBP(true),
    TIFF(false),
    JPEG2000(false),
    HEIF(false);

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JP2_MAGIC = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '};

    private final boolean decodable;

    ImageFormat(boolean decodable) {
        this.decodable = decodable;
    }

    /** Whether {@link ImageDecoder} decodes this format (the others are refused as unsupported). */
    public boolean decodable() {
        return decodable;
    }

    /** The format the bytes start with, or {@code null} when they start like no known image. */
    public static ImageFormat sniff(byte[] b) {
        if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
            return JPEG;
        }
        if (startsWith(b, 0, PNG_MAGIC)) {
            return PNG;
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return WEBP;
        }
        if (isBmp(b)) {
            return BMP;
        }
        if (startsWith(b, 0, ascii("II*\0")) || startsWith(b, 0, ascii("MM\0*"))) {
            return TIFF;
        }
        if (startsWith(b, 0, JP2_MAGIC) || (b.length >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0x4F
                && u8(b, 2) == 0xFF && u8(b, 3) == 0x51)) {
            return JPEG2000;
        }
        if (startsWith(b, 4, ascii("ftyp")) && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
            if (Arrays.asList("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis").contains(brand)) {
                return HEIF;
            }
        }
        return null;
    }

    /** "BM" alone matches ordinary text, so the DIB header size must be one Windows/OS2 defines. */
    private static boolean isBmp(byte[] b) {
        if (b.length < 18 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        int dibSize = u8(b, 14) | u8(b, 15) << 8 | u8(b, 16) << 16 | u8(b, 17) << 24;
        return dibSize == 12 || dibSize == 16 || dibSize == 40 || dibSize == 52 || dibSize == 56
                || dibSize == 64 || dibSize == 108 || dibSize == 124;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        return Arrays.equals(b, offset, offset + magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
