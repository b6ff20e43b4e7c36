package io.visionstreams.ingest;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG bytes in, interleaved 8-bit RGB out, through the system's TurboJPEG library (Debian
 * {@code libturbojpeg0}, libjpeg-turbo built with its SIMD code), or nothing when that library is
 * absent or refuses the image. Same decoder settings as OpenCV's {@code imdecode} (accurate integer
 * IDCT, fancy chroma upsampling), so the pixels are the same (measured: identical on the sample
 * images); only faster, because the OpenCV build on Maven Central carries libjpeg-turbo without its
 * SIMD code ({@code Core.getBuildInformation()}: "SIMD Support: NO"): 1.45 against 2.97 core-ms for a
 * 640x480 frame, and no BGR-to-RGB pass or copy out of a Mat afterwards.
 *
 * <p>Anything TurboJPEG reports as fatal (CMYK, 12-bit, corrupt data) returns null and the caller
 * decodes with OpenCV as before, keeping that path's reason codes; a warning (e.g. corrupt data
 * libjpeg recovers from) is accepted, as OpenCV accepts it. Thread-safe: a handle per call.
 */
final class TurboJpeg {

    private static final Logger log = LoggerFactory.getLogger(TurboJpeg.class);
    private static final int TJPF_RGB = 0;
    private static final int TJERR_WARNING = 0;
    private static final Api API = load();

    /** The TurboJPEG 2.x C functions decoding needs (turbojpeg.h); no Java binding of it is on Maven Central. */
    interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, byte[] jpeg, NativeLong jpegSize, IntByReference width,
                                IntByReference height, IntByReference subsampling, IntByReference colorspace);

        int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong jpegSize, Pointer dst, int width, int pitch,
                          int height, int pixelFormat, int flags);

        int tjGetErrorCode(Pointer handle);

        int tjDestroy(Pointer handle);
    }

    private TurboJpeg() {}

    private static Api load() {
        try {
            return Native.load("turbojpeg", Api.class);
        } catch (UnsatisfiedLinkError e) {
            log.info("libturbojpeg not found ({}): JPEGs are decoded by OpenCV's libjpeg-turbo, without SIMD "
                    + "(about half the speed; install Debian's libturbojpeg0)",
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("")); // JNA appends the whole classpath
            return null;
        }
    }

    /** Whether the system library was found: JPEGs are decoded here rather than by OpenCV. */
    static boolean available() {
        return API != null;
    }

    /**
     * Decodes {@code jpeg} to {@code width} x {@code height} RGB: its size, or a DCT-scaled size
     * (1/2, 1/4, 1/8, rounded up as libjpeg does) of {@code fullWidth} x {@code fullHeight}, the size the
     * caller read from the header; null when unavailable, refused, or the image is of another size.
     */
    static byte[] decodeRgb(byte[] jpeg, int fullWidth, int fullHeight, int width, int height) {
        if (API == null) {
            return null;
        }
        Pointer handle = API.tjInitDecompress();
        if (handle == null) {
            return null;
        }
        long size = (long) width * height * 3;
        IntByReference w = new IntByReference();
        IntByReference h = new IntByReference();
        try (Memory out = new Memory(size)) {
            if (API.tjDecompressHeader3(handle, jpeg, new NativeLong(jpeg.length), w, h, new IntByReference(),
                    new IntByReference()) != 0 || w.getValue() != fullWidth || h.getValue() != fullHeight) {
                return null; // TurboJPEG would scale an image larger than announced down to fit: let OpenCV judge
            }
            int rc = API.tjDecompress2(handle, jpeg, new NativeLong(jpeg.length), out, width, 0, height, TJPF_RGB, 0);
            if (rc != 0 && API.tjGetErrorCode(handle) != TJERR_WARNING) {
                return null;
            }
            return out.getByteArray(0, (int) size);
        } finally {
            API.tjDestroy(handle);
        }
    }
}
