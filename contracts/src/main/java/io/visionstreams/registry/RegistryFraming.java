package io.visionstreams.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two wire formats' headers: the registry's (magic byte 0, 4-byte big-endian schema id) and
 * Avro single-object encoding's ({@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint of the
 * writer schema). Both are followed by the same Avro binary body, so one becomes the other by
 * swapping the header.
 */
public final class RegistryFraming {

    public static final byte MAGIC = 0;
    public static final int HEADER = 5;
    public static final int SINGLE_OBJECT_HEADER = 10;

    private RegistryFraming() {}

    /** Starts with the registry's magic byte and is long enough for an id. */
    public static boolean isFramed(byte[] value) {
        return value != null && value.length >= HEADER && value[0] == MAGIC;
    }

    /** Starts with the single-object marker {@code C3 01} and a fingerprint. */
    public static boolean isSingleObject(byte[] value) {
        return value != null && value.length >= SINGLE_OBJECT_HEADER && value[0] == (byte) 0xC3 && value[1] == 0x01;
    }

    public static int schemaId(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    public static long fingerprint(byte[] singleObject) {
        return ByteBuffer.wrap(singleObject, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Magic byte, {@code id}, then {@code length} body bytes of {@code body} from {@code offset}. */
    public static byte[] frame(int id, byte[] body, int offset, int length) {
        byte[] out = new byte[HEADER + length];
        ByteBuffer.wrap(out).put(MAGIC).putInt(id);
        System.arraycopy(body, offset, out, HEADER, length);
        return out;
    }
}
