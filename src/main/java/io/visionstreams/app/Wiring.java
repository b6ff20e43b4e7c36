package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.VisionTask;
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
                .withTimeout(f.timeout()).withFileRoot(f.fileRoot());
        VisionConfig.Decoding d = config.decoding();
        return new FrameLoader(new ImageFetcher(policy), new ImageDecoder(d.maxBytes(), d.maxPixels(),
                d.reduce() ? largestInput(config) : 0));
    }

    /** The largest square input side of the enabled models (from the catalog), the floor of reduced decoding. */
    static int largestInput(VisionConfig config) {
        int largest = 0;
        for (VisionTask task : config.tasks()) {
            try {
                largest = Math.max(largest, ModelCatalog.get(config.models().names().get(task)).inputSize());
            } catch (ModelLoadException unknown) {
                return 0; // not a catalog model: its input size is unknown, so decode at full size
            }
        }
        return largest;
    }
}
