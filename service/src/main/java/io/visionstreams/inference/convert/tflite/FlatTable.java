package io.visionstreams.inference.convert.tflite;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Read access to one FlatBuffers table by field slot (the field's position in the schema,
 * counting a union as two slots: its type byte, then its value). Absent fields read as the
 * schema default. Hand-written because no generated TFLite schema classes are on Maven Central.
 */
final class FlatTable extends Table {

    private FlatTable(int position, ByteBuffer buffer) {
        __reset(position, buffer);
    }

    /** The root table of a FlatBuffers file held in {@code buffer} (little-endian, position 0). */
    static FlatTable root(ByteBuffer buffer) {
        ByteBuffer bb = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(bb.getInt(bb.position()) + bb.position(), bb);
    }

    boolean has(int slot) {
        return offset(slot) != 0;
    }

    byte getByte(int slot, byte fallback) {
        int o = offset(slot);
        return o == 0 ? fallback : bb.get(bb_pos + o);
    }

    boolean getBool(int slot, boolean fallback) {
        int o = offset(slot);
        return o == 0 ? fallback : bb.get(bb_pos + o) != 0;
    }

    int getInt(int slot, int fallback) {
        int o = offset(slot);
        return o == 0 ? fallback : bb.getInt(bb_pos + o);
    }

    long getLong(int slot, long fallback) {
        int o = offset(slot);
        return o == 0 ? fallback : bb.getLong(bb_pos + o);
    }

    float getFloat(int slot, float fallback) {
        int o = offset(slot);
        return o == 0 ? fallback : bb.getFloat(bb_pos + o);
    }

    String getString(int slot) {
        int o = offset(slot);
        if (o == 0) {
            return null;
        }
        int start = bb_pos + o + bb.getInt(bb_pos + o); // as __string reads it, with the length checked first
        int n = bb.getInt(start);
        if (n < 0 || (long) start + 4 + n > bb.limit()) {
            throw new IndexOutOfBoundsException("string of " + n + " bytes runs past the end of the " + bb.limit()
                    + "-byte file");
        }
        return __string(bb_pos + o);
    }

    /** A sub-table, or {@code null} when absent (also the value of a union slot). */
    FlatTable getTable(int slot) {
        int o = offset(slot);
        return o == 0 ? null : new FlatTable(__indirect(bb_pos + o), bb);
    }

    List<FlatTable> getTables(int slot) {
        int o = offset(slot);
        if (o == 0) {
            return List.of();
        }
        int start = __vector(o);
        int n = length(o, 4);
        List<FlatTable> tables = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tables.add(new FlatTable(__indirect(start + 4 * i), bb));
        }
        return tables;
    }

    int[] getInts(int slot) {
        int o = offset(slot);
        int[] values = new int[o == 0 ? 0 : length(o, 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getInt(__vector(o) + 4 * i);
        }
        return values;
    }

    long[] getLongs(int slot) {
        int o = offset(slot);
        long[] values = new long[o == 0 ? 0 : length(o, 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getLong(__vector(o) + 8 * i);
        }
        return values;
    }

    float[] getFloats(int slot) {
        int o = offset(slot);
        float[] values = new float[o == 0 ? 0 : length(o, 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = bb.getFloat(__vector(o) + 4 * i);
        }
        return values;
    }

    /** A {@code [ubyte]} vector as a little-endian read-only view, or {@code null} when absent. */
    ByteBuffer getBytes(int slot) {
        int o = offset(slot);
        if (o == 0) {
            return null;
        }
        ByteBuffer view = bb.duplicate();
        view.position(__vector(o)).limit(__vector(o) + length(o, 1));
        return view.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A vector's declared length, refused (IndexOutOfBoundsException) unless its elements lie inside
     * the buffer: a few fuzzed bytes otherwise made the reader allocate gigabytes (TfliteModelFuzzTest).
     */
    private int length(int vectorOffset, int elementSize) {
        int n = __vector_len(vectorOffset);
        long end = (long) __vector(vectorOffset) + (long) n * elementSize;
        if (n < 0 || end > bb.limit()) {
            throw new IndexOutOfBoundsException("vector of " + n + " elements of " + elementSize
                    + " bytes runs past the end of the " + bb.limit() + "-byte file");
        }
        return n;
    }

    private int offset(int slot) {
        return __offset(4 + 2 * slot);
    }
}
