package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxTrailingResize;
import io.visionstreams.inference.convert.mxnet.MxUint8Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TFLite conversions the application serves: the float or INT8 graph with the input's
 * normalization and layout change inside it ({@link MxUint8Input}), so its {@code data} input is
 * the uint8 NHWC RGB frame itself, {@code [N, S, S, 3]}. Writes {@value #MARKER} holding
 * {@code uint8-nhwc}; translators read it to feed the frame's bytes as they are. A graph ending in a bilinear
 * resize (DeepLab's logits to 513x513) ends before it instead ({@link MxTrailingResize}); {@value #RESIZE_MARKER}
 * tells the translator the resize it owes.
 */
public final class Uint8InputConversion {

    /** The file beside the model that names its input layout. */
    public static final String MARKER = "input.txt";
    /** The file beside the model that names the output resize taken out of the graph. */
    public static final String RESIZE_MARKER = "output-resize.txt";

    private Uint8InputConversion() {}

    /** Float32 graph, uint8 NHWC input. */
    public static void fp32(Path tflite, Path outDir, String name) throws IOException, ModelLoadException {
        TfliteConverter.convert(tflite, outDir, name);
        rewriteInput(tflite, outDir, name);
        stripOutputResize(outDir, name);
    }

    /** INT8 graph ({@link Int8Conversion}), uint8 NHWC input; the quantization sees the graph with its new input. */
    public static void int8(Path tflite, Path outDir, String name) throws IOException, ModelLoadException {
        TfliteConverter.convert(tflite, outDir, name);
        rewriteInput(tflite, outDir, name);
        stripOutputResize(outDir, name);
        Int8Conversion.quantize(tflite, outDir, name, Files.readString(outDir.resolve(name + "-symbol.json")));
    }

    /** Whether a converted model folder's graph takes uint8 NHWC frames. */
    public static boolean takesUint8(Path modelDir) {
        try {
            Path marker = modelDir.resolve(MARKER);
            return Files.isRegularFile(marker) && Files.readString(marker).trim().equals("uint8-nhwc");
        } catch (IOException e) {
            return false;
        }
    }

    /** The bilinear resize a converted model's translator applies to its output, if one was taken out of its graph. */
    public static Optional<MxTrailingResize.Resize> outputResize(Path modelDir) {
        try {
            Path marker = modelDir.resolve(RESIZE_MARKER);
            return Files.isRegularFile(marker) ? MxTrailingResize.Resize.fromMarker(Files.readString(marker)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void stripOutputResize(Path outDir, String name) throws IOException {
        Path symbol = outDir.resolve(name + "-symbol.json");
        MxTrailingResize.Result stripped = MxTrailingResize.strip(Files.readString(symbol));
        if (stripped.removed().isPresent()) {
            Files.writeString(symbol, stripped.symbolJson());
            Files.writeString(outDir.resolve(RESIZE_MARKER), stripped.removed().get().marker() + "\n");
        }
    }

    private static void rewriteInput(Path tflite, Path outDir, String name) throws IOException, ModelLoadException {
        TfliteModel model = TfliteModel.parse(Files.readAllBytes(tflite), tflite.toString());
        TfliteTensor input = model.tensor(model.inputs()[0]);
        Quantization q = input.quantization();
        if (!q.isQuantized()) {
            throw new ModelLoadException(tflite + ": a uint8 input needs a quantized input tensor");
        }
        Path symbol = outDir.resolve(name + "-symbol.json");
        Files.writeString(symbol, MxUint8Input.rewrite(Files.readString(symbol), "data", q.zeroPoint(0), q.scale(0)));
        Files.writeString(outDir.resolve(MARKER), "uint8-nhwc\n");
    }
}
