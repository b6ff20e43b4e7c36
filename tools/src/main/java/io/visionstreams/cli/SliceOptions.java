package io.visionstreams.cli;

import io.visionstreams.client.OffsetBound;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}: a slice {@code [from, to)} of a topic, as {@link OffsetBound}s. */
final class SliceOptions {

    @Option(names = "--from", paramLabel = "BOUND",
            description = "Start at: an ISO-8601 instant, epoch milliseconds, or partition:offset[,...] (default: the beginning).")
    String from;

    @Option(names = "--to", paramLabel = "BOUND",
            description = "Stop before: same forms as --from (default: the end offsets when the command starts).")
    String to;

    OffsetBound from() {
        return OffsetBound.parse(from);
    }

    OffsetBound to() {
        return OffsetBound.parse(to);
    }
}
