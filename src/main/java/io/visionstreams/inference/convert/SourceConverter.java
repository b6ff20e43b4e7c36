package io.visionstreams.inference.convert;

import io.visionstreams.inference.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Converts one published model format into MXNet's: {@code <name>-symbol.json} + {@code <name>-0000.params}. */
public interface SourceConverter {

    /** Changes whenever the converter's output for the same input changes (invalidates the cache). */
    String version();

    /** Reads the spec's files from {@code sourceDir}; writes the MXNet files (and any extras) into {@code outDir}. */
    void convert(ModelSpec spec, Path sourceDir, Path outDir) throws IOException;
}
