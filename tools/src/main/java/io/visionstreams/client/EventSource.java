package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import java.io.IOException;

/**
 * Where {@code produce} and {@code demo} take their events from: image files, a video file, a
 * camera stream. Out: ImageEvents, one at a time, in the source's order; {@code null} once the
 * source has no more (a live stream ends only when closed).
 */
public interface EventSource extends AutoCloseable {

    /** The next event; blocks while a live source waits for a frame; null at the end. */
    ImageEvent next() throws IOException, InterruptedException;

    /** What the source itself counted so far (frames read, sampled out, dropped, reconnects). */
    default SourceCounts counts() {
        return SourceCounts.NONE;
    }

    /**
     * Ends the source, from any thread: {@link #next()} then returns what was already read (a live
     * source's queue), then null.
     */
    @Override
    void close() throws IOException;
}
