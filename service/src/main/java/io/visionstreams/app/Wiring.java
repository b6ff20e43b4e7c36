package io.visionstreams.app;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.ingest.FetchPolicy;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.SchemaDirectory;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/** Builds the configured ingest parts shared by every task and thread of an instance. */
public final class Wiring {

    private Wiring() {}

    public static FrameLoader frameLoader(VisionConfig config) {
        VisionConfig.Decoding d = config.decoding();
        return new FrameLoader(fetcher(config), new ImageDecoder(d.maxBytes(), d.maxPixels(),
                d.reduce() ? largestInput(config) : 0),
                imageEvents(config));
    }

    /** The claim-check fetcher under {@code vision.fetch.*}: the stream's, and the live view's for the frames it shows. */
    public static ImageFetcher fetcher(VisionConfig config) {
        VisionConfig.Fetching f = config.fetching();
        FetchPolicy policy = FetchPolicy.defaults().withAllowedSchemes(Set.copyOf(f.schemes())).withMaxBytes(f.maxBytes())
                .withTimeout(f.timeout()).withFileRoot(f.fileRoot()).withAllowedHosts(f.allowedHosts())
                .withAllowedNetworks(f.allowedNetworks()).withMaxRedirects(f.maxRedirects());
        return new ImageFetcher(policy);
    }

    /** The ImageEvent serde: this build's and the released schemas, plus those in {@code vision.schemas.dir}. */
    public static AvroSerde<ImageEvent> imageEvents(VisionConfig config) {
        if (config.schemasDir() == null) {
            return Serdes.IMAGE_EVENT;
        }
        try {
            return Serdes.imageEvent(new SchemaDirectory(config.schemasDir()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(VisionConfigDef.SCHEMAS_DIR, config.schemasDir().toString(),
                    "cannot read the writer schemas there: " + e.getMessage());
        }
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
