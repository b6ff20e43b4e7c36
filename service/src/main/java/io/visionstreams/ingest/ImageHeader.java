package io.visionstreams.ingest;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentData;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentReader;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.riff.RiffReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.bmp.BmpReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.gif.GifImageDirectory;
import com.drew.metadata.gif.GifReader;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.webp.WebpRiffHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an encoded image declares before its pixels: stored width and height (before orientation)
 * and the EXIF orientation (1-8; 1 when absent or invalid). Read with metadata-extractor, touching
 * only the header segments/chunks (never the pixel data, never compressed text chunks), so the
 * pixel limit can be enforced before anything is allocated.
 */
record ImageHeader(int width, int height, int orientation) {

    static ImageHeader read(ImageFormat format, byte[] bytes) throws DecodeException {
        ImageHeader header;
        try {
            header = switch (format) {
                case JPEG -> fromMetadata(readJpeg(bytes),
                        JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
                case PNG -> readPng(bytes);
                case BMP -> fromMetadata(extract(bytes, (reader, metadata) -> new BmpReader().extract(reader, metadata)),
                        BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
                case GIF -> fromMetadata(extract(bytes, (reader, metadata) -> new GifReader().extract(reader, metadata)),
                        GifImageDirectory.class, GifImageDirectory.TAG_WIDTH, GifImageDirectory.TAG_HEIGHT);
                case WEBP -> fromMetadata(extract(bytes, (reader, metadata) ->
                                new RiffReader().processRiff(reader, new WebpRiffHandler(metadata))),
                        WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
                default -> throw new IllegalArgumentException("no header reader for " + format);
            };
        } catch (Exception e) { // metadata-extractor's checked exceptions, and any parser bug
            throw new DecodeException(DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE,
                    format + " header unreadable: " + e.getMessage(), e);
        }
        if (header == null || header.width <= 0 || header.height <= 0) {
            throw new DecodeException(DecodeException.Stage.DECODE, Reasons.CORRUPT_IMAGE,
                    format + " header declares no valid size");
        }
        return header;
    }

    long pixels() {
        return (long) width * height;
    }

    /** A metadata-extractor reader step over the payload. */
    private interface Extraction {
        void run(SequentialByteArrayReader reader, Metadata metadata) throws Exception;
    }

    /**
     * Always over the byte array, never a stream: a byte-array reader refuses a declared length
     * beyond the payload before allocating, where a stream reader would first allocate it (a
     * mutated WebP chunk size cost 2 GB and 400 ms that way).
     */
    private static Metadata extract(byte[] bytes, Extraction extraction) throws Exception {
        Metadata metadata = new Metadata();
        extraction.run(new SequentialByteArrayReader(bytes), metadata);
        return metadata;
    }

    /** The SOFn segment for the size and APP1 for EXIF; segments stop at the first scan. */
    private static Metadata readJpeg(byte[] bytes) throws Exception {
        List<JpegSegmentMetadataReader> readers = List.of(new JpegReader(), new ExifReader());
        Set<JpegSegmentType> types = new HashSet<>();
        readers.forEach(reader -> reader.getSegmentTypes().forEach(types::add));
        JpegSegmentData segments = JpegSegmentReader.readSegments(new SequentialByteArrayReader(bytes), types);
        Metadata metadata = new Metadata();
        JpegMetadataReader.processJpegSegmentData(metadata, readers, segments);
        return metadata;
    }

    /** IHDR for the size and eXIf for the orientation; text and ICC chunks (zlib bombs) are skipped. */
    private static ImageHeader readPng(byte[] bytes) throws Exception {
        Metadata metadata = new Metadata();
        long width = 0;
        long height = 0;
        for (PngChunk chunk : new PngChunkReader().extract(new SequentialByteArrayReader(bytes),
                Set.of(PngChunkType.IHDR, PngChunkType.eXIf))) {
            byte[] data = chunk.getBytes();
            if (chunk.getType().equals(PngChunkType.IHDR) && data.length >= 8) {
                width = new ByteArrayReader(data).getUInt32(0);
                height = new ByteArrayReader(data).getUInt32(4);
            } else if (chunk.getType().equals(PngChunkType.eXIf)) {
                new ExifReader().extract(new ByteArrayReader(data), metadata);
            }
        }
        return new ImageHeader(clamp(width), clamp(height), orientation(metadata));
    }

    /** Size from the first directory of that type holding both tags (absolute: BMP heights may be negative). */
    private static ImageHeader fromMetadata(Metadata metadata, Class<? extends Directory> type, int widthTag,
            int heightTag) {
        for (Directory directory : metadata.getDirectoriesOfType(type)) {
            Long width = directory.getLongObject(widthTag);
            Long height = directory.getLongObject(heightTag);
            if (width != null && height != null) {
                return new ImageHeader(clamp(Math.abs(width)), clamp(Math.abs(height)), orientation(metadata));
            }
        }
        return null;
    }

    private static int clamp(long side) {
        return (int) Math.min(side, Integer.MAX_VALUE);
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return value != null && value >= 1 && value <= 8 ? value : 1;
    }
}
