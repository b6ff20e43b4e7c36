package io.visionstreams.client.camera;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file or stream decoded by FFmpeg (JavaCV's {@link FFmpegFrameGrabber}), frames converted
 * to BGR. Streams get an I/O time-out ({@code rw_timeout}, and RTSP's {@code timeout}) so a stalled
 * camera fails the read instead of blocking it, and RTSP is read over TCP (no lost UDP packets).
 */
final class FfmpegFrames implements FrameSource {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // FFmpeg prints every stream's layout at INFO
    }

    private final String location;
    private final String description;
    private final Duration ioTimeout;
    private FFmpegFrameGrabber grabber;

    /** @param ioTimeout for URLs: longest wait for data; null for local files */
    FfmpegFrames(String location, String description, Duration ioTimeout) {
        this.location = location;
        this.description = description;
        this.ioTimeout = ioTimeout;
    }

    @Override
    public void open() throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(location);
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        if (ioTimeout != null) {
            String micros = Long.toString(ioTimeout.toNanos() / 1000);
            g.setOption("rw_timeout", micros);
            if (location.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
                g.setOption("rtsp_transport", "tcp");
                g.setOption("timeout", micros);
            }
        }
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            release(g);
            throw new IOException("FFmpeg cannot open " + description + ": " + e.getMessage(), e);
        }
        if (!g.hasVideo()) {
            release(g);
            throw new IOException(description + " has no video stream");
        }
        grabber = g;
    }

    /** Null at the end, and once closed (the close may come from another thread: both are synchronized). */
    @Override
    public synchronized GrabbedFrame next() throws IOException {
        if (grabber == null) {
            return null;
        }
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("FFmpeg failed reading " + description + ": " + e.getMessage(), e);
        }
        if (frame == null) {
            return null;
        }
        long pts = frame.timestamp;
        return new GrabbedFrame() {
            @Override
            public long ptsMicros() {
                return pts;
            }

            @Override
            public byte[] jpeg(Integer quality) throws IOException {
                int q = quality == null ? VideoOptions.DEFAULT_JPEG_QUALITY : quality;
                return Jpeg.encodeBgr((ByteBuffer) frame.image[0], frame.imageWidth, frame.imageHeight,
                        frame.imageStride, q);
            }
        };
    }

    /** The container's start time in microseconds, or {@link Long#MIN_VALUE} when it has none. */
    synchronized long startMicros() {
        long start = grabber.getFormatContext().start_time();
        return start == avutil.AV_NOPTS_VALUE ? Long.MIN_VALUE : start;
    }

    /** A container metadata entry (e.g. {@code creation_time}), or null. */
    synchronized String metadata(String key) {
        return grabber.getMetadata(key);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (grabber != null) {
            release(grabber);
            grabber = null;
        }
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception ignored) {
            // nothing left to do with a grabber that fails to close
        }
    }
}
