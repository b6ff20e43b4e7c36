package io.visionstreams.client.camera;

import java.io.IOException;

/** One frame as a source read it; valid until the source's next {@code next()}. */
interface GrabbedFrame {

    /** Presentation time in microseconds as the container stamps it; -1 when the source has none (MJPEG). */
    long ptsMicros();

    /** The frame as a JPEG at {@code quality} (null: as the camera encoded it, when it did). */
    byte[] jpeg(Integer quality) throws IOException;
}
