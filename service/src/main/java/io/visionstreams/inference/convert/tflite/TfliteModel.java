package io.visionstreams.inference.convert.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .tflite} file's main subgraph: tensors (with constant weights), operators in execution
 * order, and the graph's input and output tensor indices. Reads schema v3 (what TF 1.x and 2.x
 * converters write), including large-model buffers stored after the flatbuffer.
 */
public record TfliteModel(int schemaVersion, List<TfliteTensor> tensors, List<TfliteOperator> operators,
                          int[] inputs, int[] outputs) {

    // Field slots of the schema tables read here.
    private static final int MODEL_VERSION = 0;
    private static final int MODEL_OPERATOR_CODES = 1;
    private static final int MODEL_SUBGRAPHS = 2;
    private static final int MODEL_BUFFERS = 4;
    private static final int OPERATOR_CUSTOM_OPTIONS = 5;

    public static TfliteModel read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses a whole {@code .tflite} file; {@code source} names it in error messages. */
    public static TfliteModel parse(byte[] file, String source) throws IOException {
        if (file.length < 8 || !"TFL3".equals(new String(file, 4, 4, StandardCharsets.US_ASCII))) {
            throw new IOException(source + " is not a TFLite flatbuffer (no TFL3 identifier)");
        }
        ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        try {
            FlatTable model = FlatTable.root(bb);
            List<FlatTable> subgraphs = model.getTables(MODEL_SUBGRAPHS);
            if (subgraphs.isEmpty()) {
                throw new IOException(source + " has no subgraph");
            }
            List<ByteBuffer> buffers = buffers(model.getTables(MODEL_BUFFERS), bb);
            FlatTable graph = subgraphs.get(0); // the main graph; others are called by control-flow ops
            List<TfliteTensor> tensors = tensors(graph.getTables(0), buffers);
            List<TfliteOperator> operators = operators(graph.getTables(3), opCodes(model.getTables(MODEL_OPERATOR_CODES)));
            return new TfliteModel(model.getInt(MODEL_VERSION, 0), List.copyOf(tensors), List.copyOf(operators),
                    graph.getInts(1), graph.getInts(2));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(source + " is not a readable TFLite model: " + e.getMessage(), e);
        }
    }

    public TfliteTensor tensor(int index) {
        return tensors.get(index);
    }

    private record OpCode(int builtin, String custom) {}

    private static List<OpCode> opCodes(List<FlatTable> tables) {
        List<OpCode> codes = new ArrayList<>();
        for (FlatTable t : tables) {
            // Codes above 127 live in builtin_code; older files only set deprecated_builtin_code.
            int code = Math.max(t.getByte(0, (byte) 0), t.getInt(3, 0));
            codes.add(new OpCode(code, t.getString(1)));
        }
        return codes;
    }

    private static List<ByteBuffer> buffers(List<FlatTable> tables, ByteBuffer file) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (FlatTable t : tables) {
            long offset = t.getLong(1, 0);
            if (offset > 1) { // data appended after the flatbuffer (models over 2 GB)
                ByteBuffer view = file.duplicate();
                view.position(Math.toIntExact(offset)).limit(Math.toIntExact(offset + t.getLong(2, 0)));
                buffers.add(view.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
            } else {
                buffers.add(t.getBytes(0));
            }
        }
        return buffers;
    }

    private static List<TfliteTensor> tensors(List<FlatTable> tables, List<ByteBuffer> buffers) {
        List<TfliteTensor> tensors = new ArrayList<>();
        for (FlatTable t : tables) {
            int buffer = t.getInt(2, 0);
            ByteBuffer data = buffer > 0 && buffer < buffers.size() ? buffers.get(buffer) : null;
            tensors.add(new TfliteTensor(tensors.size(), t.getString(3), t.getInts(0),
                    TensorType.of(t.getByte(1, (byte) 0)), quantization(t.getTable(4)), data));
        }
        return tensors;
    }

    private static Quantization quantization(FlatTable q) {
        if (q == null || !q.has(2)) {
            return Quantization.NONE;
        }
        return new Quantization(q.getFloats(2), q.getLongs(3), q.getInt(6, 0), q.getFloats(0), q.getFloats(1));
    }

    private static List<TfliteOperator> operators(List<FlatTable> tables, List<OpCode> codes) {
        List<TfliteOperator> operators = new ArrayList<>();
        for (FlatTable t : tables) {
            OpCode code = codes.get(t.getInt(0, 0));
            OpOptions options = code.custom() != null && t.has(OPERATOR_CUSTOM_OPTIONS)
                    ? new OpOptions.Custom(t.getBytes(OPERATOR_CUSTOM_OPTIONS))
                    : OptionsReader.read(t.getByte(3, (byte) 0) & 0xFF, t.getTable(4));
            operators.add(new TfliteOperator(operators.size(), BuiltinOperator.of(code.builtin()), code.builtin(),
                    code.custom(), t.getInts(1), t.getInts(2), options));
        }
        return operators;
    }
}
