package io.visionstreams.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --images DIR} option shared by demo and the benchmarks, defaulting to the sample images. */
public final class ImagesOption {

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder of images (default: $VISION_DATASETS_DIR/images, the sample images).")
    Path images;

    public Path folder() {
        if (images != null) {
            return images;
        }
        String datasets = System.getenv("VISION_DATASETS_DIR");
        if (datasets == null || !Files.isDirectory(Path.of(datasets, "images"))) {
            throw new IllegalArgumentException("no --images folder given and $VISION_DATASETS_DIR/images does not exist");
        }
        return Path.of(datasets, "images");
    }
}
