package io.visionstreams.inference.convert.tflite;

import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.convert.mxnet.MxInt8Quantizer;
import io.visionstreams.inference.convert.mxnet.MxParams;
import io.visionstreams.inference.convert.mxnet.MxUnsignedActivations;
import io.visionstreams.inference.convert.mxnet.MxUint8Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a uint8 TFLite model into an INT8 MXNet graph for the MKLDNN (oneDNN) CPU backend:
 * the float conversion of {@link TfliteConverter}, its signed tensors shifted to unsigned ones the
 * way TFLite's asymmetric uint8 tensors hold them ({@link MxUnsignedActivations}), then
 * {@link MxInt8Quantizer} with the ranges the TFLite file's own scales and zero points state (a
 * full calibration table, no data needed). Writes the same files as the float conversion (same
 * input, same outputs; float32 params whose biases carry the shifts) plus {@value #MARKER} holding
 * {@code int8}.
 */
public final class Int8Conversion {

    private static final Logger LOG = LoggerFactory.getLogger(Int8Conversion.class);

    /** The file beside the model that names its precision. */
    public static final String MARKER = "precision.txt";

    private Int8Conversion() {}

    public static ConvertedModel convert(Path tflite, Path outDir, String name) throws IOException, ModelLoadException {
        ConvertedModel fp32 = TfliteConverter.convert(tflite, outDir, name);
        quantize(tflite, outDir, name, Files.readString(outDir.resolve(name + "-symbol.json")));
        return fp32;
    }

    /**
     * Quantizes {@code symbolJson}, the float graph of {@code tflite} (its node names are the
     * converter's, its input {@code data}), into {@code outDir/<name>-symbol.json} and writes the marker.
     */
    static void quantize(Path tflite, Path outDir, String name, String symbolJson) throws IOException, ModelLoadException {
        TfliteConversion conversion = TfliteConverter.toMxNet(TfliteModel.parse(Files.readAllBytes(tflite),
                tflite.toString()));
        Map<String, float[]> ranges = new HashMap<>(conversion.graph().knownRanges());
        if (ranges.containsKey("data")) { // a uint8 input (MxUint8Input) hands the float input on from this node
            ranges.putIfAbsent(MxUint8Input.floatInput("data"), ranges.get("data"));
        }
        MxUnsignedActivations.Result unsigned = MxUnsignedActivations.rewrite(symbolJson, conversion.graph().params(),
                ranges);
        MxInt8Quantizer.Result q = MxInt8Quantizer.quantize(unsigned.symbolJson(), unsigned.ranges(), List.of("data"));
        MxParams.write(outDir.resolve(name + "-0000.params"), unsigned.params());
        Files.writeString(outDir.resolve(name + "-symbol.json"), q.symbolJson());
        Files.writeString(outDir.resolve(MARKER), "int8\n");
        LOG.info("quantized {} to INT8: {} signed tensors shifted to uint8, {} layers calibrated from the TFLite ranges,"
                + " {} at run time", name, unsigned.shifted().size(), q.calibrated(), q.uncalibrated().size());
    }

    /** Whether a converted model folder holds an INT8 graph. */
    public static boolean isInt8(Path modelDir) {
        try {
            Path marker = modelDir.resolve(MARKER);
            return Files.isRegularFile(marker) && Files.readString(marker).trim().equals("int8");
        } catch (IOException e) {
            return false;
        }
    }
}
