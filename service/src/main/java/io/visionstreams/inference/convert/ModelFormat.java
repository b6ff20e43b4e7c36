package io.visionstreams.inference.convert;

import io.visionstreams.inference.convert.onnx.OnnxEmitter;
import io.visionstreams.inference.convert.tflite.Uint8InputConversion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats a converted graph is emitted in. Every converter lowers its source once, into
 * the symbol graph ({@link io.visionstreams.inference.convert.mxnet.MxGraph}, written as MXNet's
 * {@code -symbol.json} + {@code -0000.params}); a format's {@link #emit} turns that into its own files.
 */
public enum ModelFormat {
    /** MXNet's own: {@code <name>-symbol.json} + {@code <name>-0000.params} (DJL's MXNet engine). */
    MXNET_SYMBOL {
        @Override
        public void emit(Path dir, String name, boolean labelMap) {
            // the converters write this format themselves
        }
    },
    /** {@code <name>.onnx} (DJL's ONNX Runtime engine); the MXNet files it was emitted from are removed. */
    ONNX {
        @Override
        public void emit(Path dir, String name, boolean labelMap) throws IOException {
            // a TFLite graph the uint8 conversion cut before its final resize gets it back: ONNX Runtime's Resize is cheap
            OnnxEmitter.emit(dir, name, labelMap, Uint8InputConversion.outputResize(dir));
            Files.delete(dir.resolve(name + "-symbol.json"));
            Files.delete(dir.resolve(name + "-0000.params"));
        }
    };

    /**
     * Writes the converted graph in {@code dir} in this format.
     *
     * @param labelMap the graph's one output is per-pixel class scores on axis 1: emit their argmax
     *                 (uint8 {@code [N, H, W]}) where the format can, so no engine-specific operator is needed after it
     */
    public abstract void emit(Path dir, String name, boolean labelMap) throws IOException;

    /** The name in manifests and cache folders: {@code mxnet-symbol}, {@code onnx}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
