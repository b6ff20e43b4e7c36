package io.visionstreams.cli;

/**
 * A subcommand contributed by another module (found with {@link java.util.ServiceLoader}), so the
 * command line can offer {@code bench} without the tools depending on the benchmarks.
 */
public interface CommandPlugin {

    /** A picocli {@code @Command} object. */
    Object command();
}
