package io.visionstreams.client.camera;

import java.io.Closeable;
import java.io.IOException;

/** A video stream that can be opened, read frame by frame, closed and opened again (reconnects). */
interface FrameSource extends Closeable {

    void open() throws IOException;

    /** The next frame; null at the end of the stream. */
    GrabbedFrame next() throws IOException;

    /** Where it reads from, without credentials, for logs and attributes. */
    String describe();

    /** Makes a {@link #next()} blocked on another thread fail soon; sources with their own I/O time-out may wait for it. */
    default void abort() {}

    /** Closes the stream (from the reading thread); {@link #open()} may follow. */
    @Override
    void close();
}
