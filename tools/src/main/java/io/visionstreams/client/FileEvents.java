package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** Image files as an {@link EventSource}: one event per file, in {@link ImageFiles#entries} order. */
public final class FileEvents implements EventSource {

    private final Iterator<ImageFiles.ImageFile> files;
    private final String sourceId;
    private final ImageFiles.Options options;
    private long read;
    private volatile boolean closed;

    public FileEvents(List<ImageFiles.ImageFile> files, String sourceId, ImageFiles.Options options) {
        this.files = List.copyOf(files).iterator();
        this.sourceId = sourceId;
        this.options = options;
    }

    @Override
    public ImageEvent next() throws IOException {
        if (closed || !files.hasNext()) {
            return null;
        }
        read++;
        return ImageFiles.event(files.next(), sourceId, options);
    }

    @Override
    public SourceCounts counts() {
        return new SourceCounts(read, 0, 0, 0);
    }

    /** The next {@link #next()} returns null (a shutdown hook may call this from another thread). */
    @Override
    public void close() {
        closed = true;
    }
}
