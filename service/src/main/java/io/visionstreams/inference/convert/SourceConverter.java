package io.visionstreams.inference.convert;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.ModelSpec;
import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Converts one published model format into a graph file format ({@link ModelFormat}): the
 * conversion lowers the source into MXNet's symbol files, then the format emits its own.
 *
 * @param version changes whenever the converter's output for the same input changes (invalidates the
 *                cache); it names the precision and, for formats other than MXNet's, the format
 */
public record SourceConverter(String version, Conversion conversion, ModelFormat format) {

    /** Reads a model's main source file (its companions lie beside it) and writes the MXNet files. */
    @FunctionalInterface
    public interface Conversion {
        void convert(Path mainFile, Path outDir, String name) throws IOException, ModelLoadException;
    }

    public SourceConverter(String version, Conversion conversion) {
        this(version, conversion, ModelFormat.MXNET_SYMBOL);
    }

    /** The same conversion emitting {@code format}; kept apart in the cache by its version. */
    public SourceConverter to(ModelFormat target) {
        String base = format == ModelFormat.MXNET_SYMBOL ? version : version.substring(0, version.lastIndexOf('-'));
        return new SourceConverter(target == ModelFormat.MXNET_SYMBOL ? base : base + "-" + target.id(), conversion, target);
    }

    /** Reads the spec's files from {@code sourceDir}; writes the model files (and any extras) into {@code outDir}. */
    public void convert(ModelSpec spec, Path sourceDir, Path outDir) throws IOException, ModelLoadException {
        conversion.convert(sourceDir.resolve(spec.mainFile().name()), outDir, spec.name());
        format.emit(outDir, spec.name(), spec.task() == VisionTask.SEGMENTATION);
    }
}
