package io.visionstreams.ingest;

/** Asked by {@link FrameLoader} once an image's bytes are at hand, before its pixels are decoded. */
@FunctionalInterface
public interface DecodeGate {

    /** Admits every decode at once. */
    DecodeGate OPEN = (encodedBytes, decodedBytes) -> true;

    /**
     * @param encodedBytes the encoded image's size
     * @param decodedBytes an upper bound of the decoded frame's pixel bytes (width x height x 3 from the header;
     *                     0 when the decoder will refuse the bytes before allocating)
     * @return whether to decode now; false abandons the load
     */
    boolean admit(long encodedBytes, long decodedBytes);
}
