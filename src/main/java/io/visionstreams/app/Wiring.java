package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.ingest.FetchPolicy;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageFetcher;
import java.util.Set;

/** Builds the configured ingest parts shared by every task and thread of an instance. */
public final class Wiring {

    private Wiring() {}

    public static FrameLoader frameLoader(VisionConfig config) {
        VisionConfig.Fetching f = config.fetching();
        FetchPolicy policy = FetchPolicy.defaults().withAllowedSchemes(Set.copyOf(f.schemes())).withMaxBytes(f.maxBytes())
                .withTimeout(f.timeout()).withFileRoot(f.fileRoot()).withAllowedHosts(f.allowedHosts())
                .withAllowedNetworks(f.allowedNetworks()).withMaxRedirects(f.maxRedirects());
        VisionConfig.Decoding d = config.decoding();
        return new FrameLoader(new ImageFetcher(policy), new ImageDecoder(d.maxBytes(), d.maxPixels()));
    }
}
