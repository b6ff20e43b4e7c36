package io.visionstreams.ingest;

/**
 * Decides, from the container structure alone (no pixels decoded), whether an encoded image ends
 * before its data does. libjpeg decodes a cut JPEG "successfully", filling the missing part, and
 * only warns on stderr; this check is how such input is told apart and rejected as
 * {@link Reasons#TRUNCATED}. Formats without a cheap end marker answer {@code false} and are left
 * to their decoder.
 */
final class TruncationCheck {

    private TruncationCheck() {}

    static boolean isTruncated(ImageFormat format, byte[] b) {
        return switch (format) {
            case JPEG -> !jpegReachesEndMarker(b);
            case PNG -> !pngReachesIend(b);
            case WEBP -> riffSize(b) + 8 > b.length;
            case GIF -> !gifFirstFrameComplete(b);
            default -> false;
        };
    }

    /**
     * Walks the marker segments and the entropy-coded scans (several, when progressive) until EOI.
     * Segment lengths skip embedded thumbnails; bytes after EOI are ignored.
     */
    static boolean jpegReachesEndMarker(byte[] b) {
        int n = b.length;
        int i = 2;
        while (i < n) {
            if (u8(b, i) != 0xFF) {
                i++; // extraneous bytes between segments: libjpeg skips them with a warning, so do we
                continue;
            }
            while (i + 1 < n && u8(b, i + 1) == 0xFF) {
                i++; // fill bytes
            }
            if (i + 1 >= n) {
                return false;
            }
            int marker = u8(b, i + 1);
            if (marker == 0xD9) {
                return true;
            }
            if (marker == 0x01 || marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x00) {
                i += 2;
                continue;
            }
            if (i + 3 >= n) {
                return false;
            }
            int length = u8(b, i + 2) << 8 | u8(b, i + 3);
            i += 2 + length;
            if (i > n) {
                return false;
            }
            if (marker == 0xDA) {
                i = skipEntropyCodedData(b, i);
            }
        }
        return false;
    }

    /** Returns the index of the next marker after a scan, or {@code b.length} when there is none. */
    private static int skipEntropyCodedData(byte[] b, int i) {
        int n = b.length;
        while (i + 1 < n) {
            if (u8(b, i) == 0xFF) {
                int next = u8(b, i + 1);
                if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                    i += 2; // stuffed zero or restart marker: still inside the scan
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return n;
    }

    /** Chunk by chunk to IEND; a chunk whose declared length runs past the payload means truncation. */
    static boolean pngReachesIend(byte[] b) {
        int i = 8;
        while (i + 8 <= b.length) {
            long length = (long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3);
            if (length > Integer.MAX_VALUE) {
                return true; // invalid length: corrupt, not truncated; libpng will say so
            }
            if (b[i + 4] == 'I' && b[i + 5] == 'E' && b[i + 6] == 'N' && b[i + 7] == 'D') {
                return i + 12 <= b.length;
            }
            i += 12 + (int) length;
            if (i < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Only the first frame is decoded, so only it must be complete: header, colour table,
     * extensions, then the image's LZW sub-blocks up to their zero terminator.
     */
    static boolean gifFirstFrameComplete(byte[] b) {
        if (b.length < 13) {
            return false;
        }
        int i = 13 + ((b[10] & 0x80) != 0 ? 3 * (1 << ((b[10] & 7) + 1)) : 0);
        while (i < b.length) {
            int block = u8(b, i);
            if (block == 0x21) { // extension: label, then sub-blocks
                i = skipSubBlocks(b, i + 2);
            } else if (block == 0x2C) { // image descriptor, optional local table, LZW code size
                if (i + 10 > b.length) {
                    return false;
                }
                int flags = u8(b, i + 9);
                i += 10 + ((flags & 0x80) != 0 ? 3 * (1 << ((flags & 7) + 1)) : 0) + 1;
                return skipSubBlocks(b, i) <= b.length;
            } else {
                return true; // trailer or garbage before any frame: the decoder decides
            }
        }
        return false;
    }

    /** Index after the zero-length terminator, or past the end when the data stops first. */
    private static int skipSubBlocks(byte[] b, int i) {
        while (i < b.length) {
            int size = u8(b, i);
            if (size == 0) {
                return i + 1;
            }
            i += 1 + size;
        }
        return b.length + 1;
    }

    private static long riffSize(byte[] b) {
        return (long) u8(b, 4) | u8(b, 5) << 8 | u8(b, 6) << 16 | (long) u8(b, 7) << 24;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
