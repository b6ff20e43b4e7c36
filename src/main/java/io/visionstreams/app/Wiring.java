package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.ImageDecoder;

/** Builds the configured ingest parts shared by every task and thread of an instance. */
public final class Wiring {

    private Wiring() {}

    public static FrameLoader frameLoader(VisionConfig config) {
        return new FrameLoader(new ImageDecoder(), uri -> {
            throw new DecodeException(DecodeException.Stage.FETCH, "SCHEME_NOT_ALLOWED", "claim checks land with the ingest branch");
        });
    }
}
