package io.visionstreams.ingest;

import io.visionstreams.config.VisionConfig;

/** Test input for ArchitectureTest: an ingest class that reads the configuration, against the direction. */
public final class ArchitectureViolationFixture {

    public int topK(VisionConfig config) {
        return config.topK();
    }
}
