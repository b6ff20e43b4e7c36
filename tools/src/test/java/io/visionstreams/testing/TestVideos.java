package io.visionstreams.testing;

import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageResize;
import io.visionstreams.ingest.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Videos made at test time from the sample images with FFmpeg's own encoders (JavaCV's recorder):
 * H.264 (OpenH264) in MP4, or MPEG-4 Part 2 in Matroska. Each image is shown for one second, in turn.
 */
public final class TestVideos {

    public static final List<String> IMAGES = List.of("cat.bmp", "000000000036.jpg", "bird.bmp", "parrot.jpg",
            "grace_hopper.bmp", "dragonfly.bmp", "hot_dog.jpg", "owl.jpg", "sunflower.bmp", "000000000025.jpg");
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    /** The container and codec of a test video. */
    public enum Kind {
        H264_MP4("mp4", "libopenh264"),
        MPEG4_MKV("matroska", "mpeg4");

        final String format;
        final String codec;

        Kind(String format, String codec) {
            this.format = format;
            this.codec = codec;
        }
    }

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // the recorder prints the output's layout at INFO
    }

    private TestVideos() {}

    /**
     * Writes {@code seconds * fps} frames.
     *
     * @param creationTime the container's creation_time metadata (ISO-8601), or null for none
     */
    public static Path make(Path file, Kind kind, int fps, int seconds, String creationTime) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        for (String name : IMAGES.subList(0, Math.min(seconds, IMAGES.size()))) {
            frames.add(bgr(ImageResize.bilinear(decoder.decode(SampleImages.bytes(name)), WIDTH, HEIGHT)));
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            recorder.setFormat(kind.format);
            recorder.setVideoCodecName(kind.codec);
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            if (creationTime != null) {
                recorder.setMetadata("creation_time", creationTime);
            }
            recorder.start();
            Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < fps * seconds; i++) {
                ByteBuffer pixels = (ByteBuffer) frame.image[0];
                pixels.position(0);
                pixels.put(frames.get((i / fps) % frames.size()));
                pixels.position(0);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        return file;
    }

    private static byte[] bgr(RgbImage rgb) {
        byte[] p = rgb.pixels();
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i += 3) {
            out[i] = p[i + 2];
            out[i + 1] = p[i + 1];
            out[i + 2] = p[i];
        }
        return out;
    }
}
