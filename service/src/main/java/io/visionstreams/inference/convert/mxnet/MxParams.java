package io.visionstreams.inference.convert.mxnet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes MXNet's NDArray-list file ({@code .params}): dense float32 arrays named {@code arg:<name>}.
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
