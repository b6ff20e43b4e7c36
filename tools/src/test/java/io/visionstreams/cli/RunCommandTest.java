package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code run}'s command line (the run itself, stopped by SIGTERM, is e2e.CleanStopTest). */
class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void runHelpPrintsItsOptionsAndExitsZeroLikeEveryOtherCommand() {
        int exit = VisionStreamsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("run", "--help");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: vision-streams run", "--config=FILE", "-h, --help");
    }
}
