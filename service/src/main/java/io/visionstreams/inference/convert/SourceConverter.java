package io.visionstreams.inference.convert;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Converts one published model format into MXNet's: {@code <name>-symbol.json} + {@code <name>-0000.params}.
 *
 * @param version changes whenever the converter's output for the same input changes (invalidates the cache)
 */
public record SourceConverter(String version, Conversion conversion) {

    /** Reads a model's main source file (its companions lie beside it) and writes the MXNet files. */
    @FunctionalInterface
    public interface Conversion {
        void convert(Path mainFile, Path outDir, String name) throws IOException, ModelLoadException;
    }

    /** Reads the spec's files from {@code sourceDir}; writes the MXNet files (and any extras) into {@code outDir}. */
    public void convert(ModelSpec spec, Path sourceDir, Path outDir) throws IOException, ModelLoadException {
        conversion.convert(sourceDir.resolve(spec.mainFile().name()), outDir, spec.name());
    }
}
