package io.visionstreams.ingest;

import io.visionstreams.ingest.DecodeException.Stage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoded image bytes in, an upright 8-bit {@link RgbImage} out, decoded as the reference runtime
 * did (OpenCV {@code imread(IMREAD_COLOR)}): grey replicated to three channels, alpha dropped (not
 * composited), 16-bit samples reduced to 8 bits, CMYK/YCCK JPEG converted by libjpeg-turbo, EXIF
 * orientation applied. Bad input never escapes as anything but a {@link DecodeException}.
 *
 * <p>Steps, cheapest first, each failing with a stable {@linkplain Reasons reason code}:
 * <ol>
 *   <li>no bytes: {@code DECODE/EMPTY_PAYLOAD}; more than {@code maxBytes}: {@code VALIDATE/TOO_LARGE};</li>
 *   <li>format sniffed from the magic bytes ({@code content_type} is never trusted): JPEG, PNG, BMP,
 *       GIF, WebP are decoded; TIFF, JPEG 2000, HEIF/AVIF give {@code DECODE/UNSUPPORTED_FORMAT};
 *       anything else {@code DECODE/UNKNOWN_FORMAT};</li>
 *   <li>truncation, from the container structure: {@code DECODE/TRUNCATED} (see below);</li>
 *   <li>the header's width x height, read without decoding pixels: over {@code maxPixels}, or a side
 *       over 2^20 (OpenCV's own bound), gives {@code VALIDATE/TOO_MANY_PIXELS}, so a decompression
 *       bomb is refused before anything is allocated;</li>
 *   <li>pixels: JPEG through the system's TurboJPEG where installed ({@link TurboJpeg}: the same
 *       libjpeg-turbo and settings as OpenCV's, with its SIMD code, so the same pixels at twice the
 *       speed), else and for whatever it refuses OpenCV {@code imdecode} (libjpeg-turbo, libpng,
 *       libwebp); GIF, which OpenCV 4.9 cannot read, and JPEGs libjpeg-turbo refuses go through ImageIO
 *       (TwelveMonkeys for JPEG; GIF: first frame). Rejected pixel data gives {@code DECODE/CORRUPT_IMAGE}.</li>
 * </ol>
 *
 * <p><b>Orientation.</b> OpenCV 4.9's {@code imdecode} does apply the EXIF orientation of JPEG and
 * PNG (eXIf) itself, as {@code imread} does (measured). It is nonetheless decoded with
 * {@code IMREAD_IGNORE_ORIENTATION} and the tag (1-8, read with metadata-extractor from JPEG APP1,
 * PNG eXIf or WebP EXIF) is applied here, with OpenCV's transpose/flip sequence: one explicit rule
 * for every format and both decoding paths. A missing or invalid tag means 1.
 *
 * <p><b>Truncated input is rejected</b> ({@code TRUNCATED}): a JPEG whose scans do not reach the
 * EOI marker, a PNG that ends before IEND, a WebP shorter than its RIFF size, a GIF whose first
 * frame (the one decoded) is cut. libjpeg would decode
 * such a JPEG "successfully", repeating or greying out the missing rows with only a warning on
 * stderr; even a JPEG missing just its two EOI bytes decodes differently from the whole file.
 * Feeding such a frame to the models would publish confident results for pixels the camera never
 * sent, so it goes to the dead-letter topic, which keeps the original bytes for replay.
 *
 * <p>No minimum size: a 1x1 image is still an image and is classified like any other (resizing
 * upsamples it). Limits: {@code maxBytes} (default {@value #DEFAULT_MAX_BYTES} = 20 MiB, config
 * {@code vision.decode.max-bytes}) and {@code maxPixels} (default {@value #DEFAULT_MAX_PIXELS} = 50
 * megapixels, config {@code vision.decode.max-pixels}). Thread-safe: no mutable state.
 */
public final class ImageDecoder {

    /** Default for {@code vision.decode.max-bytes}: 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** Default for {@code vision.decode.max-pixels}: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** OpenCV refuses larger sides ({@code CV_IO_MAX_IMAGE_WIDTH}) with an exception. */
    static final int MAX_SIDE = 1 << 20;
    /** An {@link RgbImage} is one Java array of width x height x 3 bytes. */
    static final long MAX_PIXELS_CEILING = (Integer.MAX_VALUE - 8) / 3;

    private static final Logger log = LoggerFactory.getLogger(ImageDecoder.class);

    private final long maxBytes;
    private final long maxPixels;
    private final int reduceToSide;
    private final boolean turboJpeg;

    /** A decoder with the default limits (20 MiB, 50 megapixels). */
    public ImageDecoder() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxBytes  largest encoded payload accepted, in bytes ({@code vision.decode.max-bytes})
     * @param maxPixels largest width x height accepted ({@code vision.decode.max-pixels}), at most
     *                  {@value #MAX_PIXELS_CEILING}
     */
    public ImageDecoder(long maxBytes, long maxPixels) {
        this(maxBytes, maxPixels, 0);
    }

    /**
     * As above, and JPEGs decoded at 1/2, 1/4 or 1/8 of their size (libjpeg-turbo's DCT scaling, OpenCV's
     * {@code IMREAD_REDUCED_COLOR_*}) when both sides stay at least twice {@code reduceToSide}, the largest
     * enabled model input ({@code vision.decode.reduce=auto}); 0 decodes every image at full size.
     */
    public ImageDecoder(long maxBytes, long maxPixels, int reduceToSide) {
        this(maxBytes, maxPixels, reduceToSide, TurboJpeg.available());
    }

    private ImageDecoder(long maxBytes, long maxPixels, int reduceToSide, boolean turboJpeg) {
        this.turboJpeg = turboJpeg;
        if (reduceToSide < 0) {
            throw new IllegalArgumentException("reduceToSide must not be negative: " + reduceToSide);
        }
        this.reduceToSide = reduceToSide;
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("vision.decode.max-bytes must be positive, was " + maxBytes);
        }
        if (maxPixels <= 0 || maxPixels > MAX_PIXELS_CEILING) {
            throw new IllegalArgumentException("vision.decode.max-pixels must be in 1.." + MAX_PIXELS_CEILING
                    + ", was " + maxPixels);
        }
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        OpenCv.load();
    }

    /**
     * This decoder with every image decoded by OpenCV, as when the system has no TurboJPEG: for
     * benchmarks and tests that compare the two JPEG decoders side by side.
     */
    public ImageDecoder withOpenCvOnly() {
        return new ImageDecoder(maxBytes, maxPixels, reduceToSide, false);
    }

    /** {@code turbojpeg-simd} when JPEGs are decoded by the system's TurboJPEG, else {@code opencv}. */
    public String jpegDecoder() {
        return turboJpeg ? "turbojpeg-simd" : "opencv";
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Decodes one encoded image; see the class comment for the checks and reason codes. */
    public RgbImage decode(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(Stage.DECODE, Reasons.EMPTY_PAYLOAD, "the image has no bytes");
        }
        if (bytes.length > maxBytes) {
            throw new DecodeException(Stage.VALIDATE, Reasons.TOO_LARGE,
                    bytes.length + " bytes exceed the limit of " + maxBytes);
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new DecodeException(Stage.DECODE, Reasons.UNKNOWN_FORMAT,
                    "not a known image format (" + bytes.length + " bytes)");
        }
        if (!format.decodable()) {
            throw new DecodeException(Stage.DECODE, Reasons.UNSUPPORTED_FORMAT, format + " images are not accepted");
        }
        if (TruncationCheck.isTruncated(format, bytes)) {
            throw new DecodeException(Stage.DECODE, Reasons.TRUNCATED,
                    format + " payload of " + bytes.length + " bytes ends before the image data does");
        }
        ImageHeader header = ImageHeader.read(format, bytes);
        checkSize(format, header.width(), header.height());
        int reduction = reduction(format, header);
        Mat rgb = null;
        if (format == ImageFormat.JPEG && turboJpeg) {
            int width = scaled(header.width(), reduction);
            int height = scaled(header.height(), reduction);
            byte[] pixels = TurboJpeg.decodeRgb(bytes, header.width(), header.height(), width, height);
            if (pixels != null && Orientation.isUpright(header.orientation())) {
                return new RgbImage(width, height, pixels, header.width(), header.height());
            }
            if (pixels != null) {
                rgb = new Mat(height, width, CvType.CV_8UC3);
                rgb.put(0, 0, pixels);
            }
        }
        if (rgb == null) {
            rgb = format == ImageFormat.GIF
                    ? ImageIoDecoder.decodeRgb(format, bytes, maxPixels)
                    : decodeWithOpenCv(format, bytes, reduction);
        }
        Mat upright = null;
        try {
            checkSize(format, rgb.cols(), rgb.rows()); // what was decoded, should a header have lied
            upright = Orientation.upright(rgb, header.orientation());
            byte[] pixels = new byte[upright.cols() * upright.rows() * 3];
            upright.get(0, 0, pixels);
            if (rgb.cols() == header.width() && rgb.rows() == header.height()) {
                return new RgbImage(upright.cols(), upright.rows(), pixels);
            }
            boolean transposed = upright.cols() != rgb.cols();
            return new RgbImage(upright.cols(), upright.rows(), pixels,
                    Math.max(upright.cols(), transposed ? header.height() : header.width()),
                    Math.max(upright.rows(), transposed ? header.width() : header.height()));
        } finally {
            rgb.release();
            if (upright != null) {
                upright.release();
            }
        }
    }

    /**
     * 1 (full size), 2, 4 or 8: the largest JPEG scale keeping both sides at least twice {@code reduceToSide}.
     * The references resize the full frame with INTER_LINEAR, which does not low-pass; DCT scaling does, and
     * so flips low-confidence top-1s (as INTER_AREA on the full frame does too). A margin of 2x keeps the
     * low-pass well above the model's sampling: MobileNetV2 top-5 overlap with full decoding 0.92 at 1920x1080
     * against 0.83 when decoding down to the input size itself ({@code bench decode}, docs/performance-int8.md).
     */
    private int reduction(ImageFormat format, ImageHeader header) {
        if (reduceToSide == 0 || format != ImageFormat.JPEG) {
            return 1;
        }
        int smaller = Math.min(header.width(), header.height());
        for (int factor = 8; factor > 1; factor /= 2) {
            if (scaled(smaller, factor) >= 2 * reduceToSide) {
                return factor;
            }
        }
        return 1;
    }

    /** A side decoded at 1/{@code factor}: libjpeg rounds scaled sizes up. */
    private static int scaled(int side, int factor) {
        return (side + factor - 1) / factor;
    }

    /** OpenCV first; a JPEG it rejects gets a second chance through TwelveMonkeys ImageIO (at full size). */
    private Mat decodeWithOpenCv(ImageFormat format, byte[] bytes, int reduction) throws DecodeException {
        MatOfByte encoded = new MatOfByte(bytes);
        Mat bgr = new Mat();
        RuntimeException failure = null;
        int flags = switch (reduction) {
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> Imgcodecs.IMREAD_COLOR;
        };
        try {
            bgr = Imgcodecs.imdecode(encoded, flags | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) { // CvException: OpenCV's own assertions
            failure = e;
        } finally {
            encoded.release();
        }
        if (!bgr.empty() && bgr.type() == CvType.CV_8UC3) {
            Imgproc.cvtColor(bgr, bgr, Imgproc.COLOR_BGR2RGB);
            return bgr;
        }
        bgr.release();
        if (format == ImageFormat.JPEG) {
            log.debug("OpenCV rejected a {}-byte JPEG ({}); trying ImageIO", bytes.length, failure);
            return ImageIoDecoder.decodeRgb(format, bytes, maxPixels);
        }
        throw new DecodeException(Stage.DECODE, Reasons.CORRUPT_IMAGE,
                "OpenCV could not decode " + bytes.length + " bytes of " + format
                        + (failure == null ? "" : ": " + failure.getMessage()), failure);
    }

    private void checkSize(ImageFormat format, int width, int height) throws DecodeException {
        long pixels = (long) width * height;
        if (pixels > maxPixels || width > MAX_SIDE || height > MAX_SIDE) {
            throw new DecodeException(Stage.VALIDATE, Reasons.TOO_MANY_PIXELS,
                    format + " of " + width + "x" + height + " exceeds the limit of " + maxPixels
                            + " pixels (and " + MAX_SIDE + " per side)");
        }
    }
}
