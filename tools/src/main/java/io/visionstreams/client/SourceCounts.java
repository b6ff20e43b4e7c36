package io.visionstreams.client;

/**
 * A source's own counters, for the progress line and the summary.
 *
 * @param framesRead  frames decoded (or parts read) from the source
 * @param sampledOut  frames left out by {@code --fps} sampling (by design, not lost)
 * @param dropped     frames a live source dropped because the sender fell behind (oldest first)
 * @param reconnects  times a live source was re-opened after its stream broke or ended
 */
public record SourceCounts(long framesRead, long sampledOut, long dropped, long reconnects) {

    public static final SourceCounts NONE = new SourceCounts(0, 0, 0, 0);
}
