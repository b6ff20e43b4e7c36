package io.visionstreams.ingest;

import com.drew.imaging.tiff.TiffProcessingException;
import com.drew.imaging.tiff.TiffReader;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifTiffHandler;
import java.io.IOException;

/**
 * EXIF (a TIFF structure) read into metadata-extractor's directories with its structure bounded:
 * IFD0, where the orientation lives, and at most {@value #MAX_FOLLOWERS} chained IFDs after it
 * (thumbnails; a Canon CR2 has three); sub-IFDs (Exif, GPS, maker notes) are not entered. Reading
 * stops at the first link past the bound with {@link TooDeep}: metadata-extractor follows IFD links
 * by recursion, so an unbounded chain of 50,000 (its issue 559) ends in a StackOverflowError.
 */
final class BoundedExif {

    /** More chained IFDs than any camera writes. */
    static final int MAX_FOLLOWERS = 16;

    /** An EXIF structure chaining more IFDs than {@link #MAX_FOLLOWERS}: a hostile image. */
    static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("EXIF chains more than " + MAX_FOLLOWERS + " IFDs after IFD0");
        }
    }

    private BoundedExif() {}

    /** EXIF as stored in a JPEG APP1 segment or a WebP EXIF chunk: optionally preceded by {@code Exif\0\0}. */
    static void readSegment(byte[] segment, Metadata metadata) {
        read(segment, ExifReader.startsWithJpegExifPreamble(segment) ? ExifReader.JPEG_SEGMENT_PREAMBLE.length() : 0,
                metadata);
    }

    /**
     * The TIFF structure starting at {@code offset} of {@code bytes}. Malformed structure is ignored (no
     * orientation, as metadata-extractor's own reader records it as an error); a chain past the bound throws.
     */
    static void read(byte[] bytes, int offset, Metadata metadata) {
        try {
            new TiffReader().processTiff(new ByteArrayReader(bytes), new Handler(metadata, offset), offset);
        } catch (TiffProcessingException | IOException malformed) {
            // no usable IFD0: orientation stays absent
        }
    }

    /** metadata-extractor's EXIF handler, told not to descend and to count the IFDs it follows. */
    private static final class Handler extends ExifTiffHandler {
        private int followers;

        Handler(Metadata metadata, int exifStartOffset) {
            super(metadata, null, exifStartOffset);
        }

        @Override
        public boolean tryEnterSubIfd(int tagId) {
            return false;
        }

        @Override
        public boolean hasFollowerIfd() {
            if (++followers > MAX_FOLLOWERS) {
                throw new TooDeep();
            }
            return super.hasFollowerIfd();
        }
    }
}
