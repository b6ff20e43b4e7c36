package io.visionstreams.results;

/**
 * Bounds on what one Avro value may declare, set before Avro reads its first value: a record
 * of a few bytes that declares a 1 GiB string, bytes field or array otherwise makes Avro allocate
 * that much before noticing the input is short (an OutOfMemoryError on the stream thread, found by
 * {@code SerdesFuzzTest}). Uses Avro's own limits ({@code org.apache.avro.limits.*}, read once per
 * JVM); a value an operator set on the command line wins.
 */
public final class AvroLimits {

    /** Largest string or bytes value: above the largest record any topic here holds (32 MiB). */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Most items of one array or map (detections are at most 1917; attributes a handful). */
    static final long MAX_ITEMS = 100_000;

    private AvroLimits() {}

    public static void install() {
        System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", Long.toString(MAX_BYTES));
        System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", Long.toString(MAX_BYTES));
        System.getProperties().putIfAbsent("org.apache.avro.limits.collectionItems.maxLength", Long.toString(MAX_ITEMS));
    }
}
