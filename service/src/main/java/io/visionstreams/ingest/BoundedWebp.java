package io.visionstreams.ingest;

import com.drew.metadata.Metadata;
import com.drew.metadata.webp.WebpRiffHandler;

/** metadata-extractor's WebP chunk handler with its EXIF chunk read through {@link BoundedExif}. */
final class BoundedWebp extends WebpRiffHandler {

    private final Metadata metadata;

    BoundedWebp(Metadata metadata) {
        super(metadata);
        this.metadata = metadata;
    }

    @Override
    public void processChunk(String fourCc, byte[] payload) {
        if ("EXIF".equals(fourCc)) {
            BoundedExif.readSegment(payload, metadata);
        } else {
            super.processChunk(fourCc, payload);
        }
    }
}
