package io.visionstreams.inference.convert.mxnet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes MXNet's NDArray-list file ({@code .params}): dense float32 arrays named {@code arg:<name>};
 * reads back what {@link #write} wrote (the ONNX emitter takes a converted graph's weights from it).
 * Hand-written: no Java library writes this format (layout from MXNet's {@code NDArray::Save}).
 */
public final class MxParams {

    private static final long LIST_MAGIC = 0x112L;
    private static final int NDARRAY_V2_MAGIC = 0xF993FAC9;
    private static final int STORAGE_DENSE = 0;
    private static final int DEVICE_CPU = 1;
    private static final int DTYPE_FLOAT32 = 0;

    /** A float32 tensor in row-major order. */
    public record Tensor(int[] shape, float[] values) {}

    private MxParams() {}

    public static void write(Path file, Map<String, Tensor> params) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(longs(LIST_MAGIC, 0L, params.size()));
            for (Tensor t : params.values()) {
                ByteBuffer head = le(4 + 4 + 4 + 8 * t.shape().length + 4 + 4 + 4);
                head.putInt(NDARRAY_V2_MAGIC).putInt(STORAGE_DENSE).putInt(t.shape().length);
                for (int d : t.shape()) {
                    head.putLong(d);
                }
                head.putInt(DEVICE_CPU).putInt(0).putInt(DTYPE_FLOAT32);
                out.write(head.array());
                ByteBuffer data = le(4 * t.values().length);
                data.asFloatBuffer().put(t.values());
                out.write(data.array());
            }
            out.write(longs(params.size()));
            for (String name : params.keySet()) {
                byte[] key = ("arg:" + name).getBytes(StandardCharsets.UTF_8);
                out.write(longs(key.length));
                out.write(key);
            }
        }
    }

    /** The tensors of a file {@link #write} wrote, by name without the {@code arg:} prefix, in file order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong() != LIST_MAGIC) {
            throw new IOException(file + " is not an MXNet NDArray list");
        }
        b.getLong(); // reserved
        int count = Math.toIntExact(b.getLong());
        List<Tensor> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (b.getInt() != NDARRAY_V2_MAGIC || b.getInt() != STORAGE_DENSE) {
                throw new IOException(file + ": array " + i + " is not a dense NDArray (v2)");
            }
            int[] shape = new int[b.getInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = Math.toIntExact(b.getLong());
            }
            b.getInt(); // device type
            b.getInt(); // device id
            if (b.getInt() != DTYPE_FLOAT32) {
                throw new IOException(file + ": array " + i + " is not float32");
            }
            float[] values = new float[Arrays.stream(shape).reduce(1, Math::multiplyExact)];
            b.asFloatBuffer().get(values);
            b.position(b.position() + 4 * values.length);
            tensors.add(new Tensor(shape, values));
        }
        if (b.getLong() != count) {
            throw new IOException(file + ": " + count + " arrays but a different number of names");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            byte[] key = new byte[Math.toIntExact(b.getLong())];
            b.get(key);
            out.put(new String(key, StandardCharsets.UTF_8).replaceFirst("^(arg|aux):", ""), t);
        }
        return out;
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = le(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
