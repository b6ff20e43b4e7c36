package io.visionstreams.client.camera;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.SourceCounts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A video file as events, read as fast as the sender takes them (nothing is dropped). Frames are
 * sampled by presentation time; event_id = {@code <source-id>/<frame index>} (0-based position of the
 * frame among the file's decoded video frames), captured_at = {@link VideoStartTime} + the frame's
 * presentation time since the container's start. The same file gives the same ids and times on
 * every run.
 */
final class VideoFileEvents implements EventSource {

    private final FfmpegFrames frames;
    private final VideoOptions options;
    private final FrameSampler sampler;
    private final VideoStartTime.Start start;
    private final String name;
    private long origin = Long.MIN_VALUE;
    private long index = -1;
    private long sampledOut;

    VideoFileEvents(Path file, VideoOptions options) throws IOException {
        this.name = file.getFileName().toString();
        this.frames = new FfmpegFrames(file.toString(), name, null);
        this.options = options;
        this.sampler = new FrameSampler(options.fps());
        frames.open();
        try {
            this.start = VideoStartTime.of(frames.metadata("creation_time"), file);
        } catch (IOException | RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    @Override
    public ImageEvent next() throws IOException {
        while (true) {
            GrabbedFrame frame;
            try {
                frame = frames.next();
            } catch (IOException e) {
                throw new IOException("after frame " + options.sourceId() + "/" + index + ": " + e.getMessage(), e);
            }
            if (frame == null) {
                return null;
            }
            index++;
            long pts = frame.ptsMicros();
            if (origin == Long.MIN_VALUE) {
                long containerStart = frames.startMicros();
                origin = containerStart == Long.MIN_VALUE ? pts : Math.min(containerStart, pts);
            }
            long offset = Math.max(0, pts - origin);
            if (!sampler.keep(offset)) {
                sampledOut++;
                continue;
            }
            Instant capturedAt = start.at().plus(offset, ChronoUnit.MICROS);
            return FrameEvents.event(options.sourceId() + "/" + index, options, capturedAt,
                    frame.jpeg(options.decodedJpegQuality()), "video", name, "frame", Long.toString(index),
                    "pts_us", Long.toString(offset), "captured_at_from", start.from());
        }
    }

    @Override
    public SourceCounts counts() {
        return new SourceCounts(index + 1, sampledOut, 0, 0);
    }

    @Override
    public void close() {
        frames.close();
    }
}
