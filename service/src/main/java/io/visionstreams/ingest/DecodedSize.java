package io.visionstreams.ingest;

/**
 * The pixel bytes an image will decode to, from its header alone (width x height x 3 before any
 * JPEG scaling, so an upper bound), for the frame budget to reserve before the decoder allocates.
 */
final class DecodedSize {

    private DecodedSize() {}

    /** 0 when the decoder refuses the bytes before reading pixels (unknown, unsupported, truncated, over {@code maxPixels}). */
    static long upperBound(byte[] bytes, long maxPixels) throws DecodeException {
        ImageFormat format = bytes == null || bytes.length == 0 ? null : ImageFormat.sniff(bytes);
        if (format == null || !format.decodable() || TruncationCheck.isTruncated(format, bytes)) {
            return 0;
        }
        long pixels;
        try {
            pixels = ImageHeader.read(format, bytes).pixels();
        } catch (StackOverflowError e) { // metadata-extractor recursing down a chain of EXIF IFDs (its issue 559)
            throw new DecodeException(DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE,
                    format + " header unreadable: its metadata nests too deep (" + e + ")", null);
        }
        return pixels > maxPixels ? 0 : pixels * 3;
    }
}
