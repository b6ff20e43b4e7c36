package io.visionstreams.bench;

import io.visionstreams.cli.CommandPlugin;

/** Adds {@code bench} to the {@code vision-streams} command line where the benchmarks are on the classpath. */
public final class BenchPlugin implements CommandPlugin {

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
