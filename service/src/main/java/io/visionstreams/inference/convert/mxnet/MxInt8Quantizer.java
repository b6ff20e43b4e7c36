package io.visionstreams.inference.convert.mxnet;

import ai.djl.engine.Engine;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A float32 MXNet symbol in, its INT8 version for MXNet's MKLDNN (oneDNN) backend out, made by
 * MXNet's own quantization passes through its C API (what {@code mxnet.contrib.quantization}
 * does in Python): fuse for {@code MKLDNN_QUANTIZE}, quantize ({@code MXQuantizeSymbol}, dtype
 * auto: uint8 after ReLU, else int8; channel-wise weights), set the calibration table
 * ({@code MXSetCalibTableToQuantizedSymbol}) and fuse again, which folds every requantize into
 * its convolution. The calibration table is not measured on data: it is the ranges the source's
 * quantization parameters state ({@link MxGraph#knownRanges}). The parameters stay float32
 * (MKLDNN quantizes the weights itself when the graph is bound), so the params file is the float one.
 */
public final class MxInt8Quantizer {

    private static final Logger LOG = LoggerFactory.getLogger(MxInt8Quantizer.class);
    private static final String BACKEND = "MKLDNN_QUANTIZE";
    private static final String OUTPUT_SUFFIX = "_output";

    private MxInt8Quantizer() {}

    /** What {@link #quantize} made: the symbol file's text and how many layers got a range. */
    public record Result(String symbolJson, int calibrated, List<String> uncalibrated) {}

    /**
     * Quantizes {@code symbolJson}; {@code ranges} maps a float node name to the real range of its
     * output. Inputs listed in {@code dataNames} are fed at run time; every other argument is a
     * parameter. A layer without a known range is requantized from the range seen at run time.
     */
    public static Result quantize(String symbolJson, Map<String, float[]> ranges, List<String> dataNames)
            throws IOException {
        Engine.getEngine("MXNet"); // loads and initializes libmxnet
        MxnetLibrary lib = LibUtils.loadLibrary();
        List<Pointer> owned = new ArrayList<>();
        try {
            Pointer fp32 = own(owned, JnaUtils.createSymbolFromString(symbolJson));
            Pointer fused = own(owned, backend(lib, fp32));
            Map<String, String> innerHeads = innerHeads(JnaUtils.getSymbolString(fused));
            List<String> offline = new ArrayList<>();
            for (String arg : JnaUtils.listSymbolArguments(fused)) {
                if (!dataNames.contains(arg)) {
                    offline.add(arg);
                }
            }
            PointerByReference quantized = new PointerByReference();
            IntBuffer calibCount = IntBuffer.allocate(1);
            PointerByReference calibNames = new PointerByReference();
            JnaUtils.checkCall(lib.MXQuantizeSymbol(fused, quantized, new int[] {1}, 0, new String[0], 0,
                    new String[0], offline.size(), offline.toArray(String[]::new), "auto", (byte) 1, "smart",
                    "channel-wise", calibCount, calibNames));
            Pointer qsym = own(owned, quantized.getValue());
            String[] layers = calibCount.get(0) == 0 ? new String[0]
                    : calibNames.getValue().getStringArray(0, calibCount.get(0));
            List<String> names = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            FloatBuffer lows = FloatBuffer.allocate(layers.length);
            FloatBuffer highs = FloatBuffer.allocate(layers.length);
            for (String layer : layers) {
                String node = layer.endsWith(OUTPUT_SUFFIX)
                        ? layer.substring(0, layer.length() - OUTPUT_SUFFIX.length()) : layer;
                float[] range = ranges.get(innerHeads.getOrDefault(node, node));
                if (range == null) {
                    missing.add(layer);
                    continue;
                }
                names.add(layer);
                lows.put(range[0]);
                highs.put(range[1]);
            }
            lows.flip();
            highs.flip();
            PointerByReference calibrated = new PointerByReference();
            JnaUtils.checkCall(lib.MXSetCalibTableToQuantizedSymbol(qsym, names.size(), names.toArray(String[]::new),
                    lows, highs, calibrated));
            Pointer withTable = own(owned, calibrated.getValue());
            Pointer result = own(owned, backend(lib, withTable));
            if (!missing.isEmpty()) {
                LOG.warn("INT8: no known range for {} of {} layers, requantized at run time: {}", missing.size(),
                        layers.length, missing);
            }
            return new Result(JnaUtils.getSymbolString(result), names.size(), List.copyOf(missing));
        } finally {
            owned.forEach(JnaUtils::freeSymbol);
        }
    }

    private static Pointer backend(MxnetLibrary lib, Pointer sym) {
        PointerByReference out = new PointerByReference();
        JnaUtils.checkCall(lib.MXGenBackendSubgraph(sym, BACKEND, out));
        return out.getValue();
    }

    private static Pointer own(List<Pointer> owned, Pointer p) {
        owned.add(p);
        return p;
    }

    /** Fused node name to the name of its subgraph's output node (the float node the range was recorded for). */
    private static Map<String, String> innerHeads(String fusedJson) throws IOException {
        Map<String, String> heads = new HashMap<>();
        for (JsonNode node : new ObjectMapper().readTree(fusedJson).get("nodes")) {
            JsonNode subgraphs = node.get("subgraphs");
            if (subgraphs != null && subgraphs.size() == 1) {
                JsonNode sub = subgraphs.get(0);
                int head = sub.get("heads").get(0).get(0).asInt();
                heads.put(node.get("name").asText(), sub.get("nodes").get(head).get("name").asText());
            }
        }
        return heads;
    }
}
