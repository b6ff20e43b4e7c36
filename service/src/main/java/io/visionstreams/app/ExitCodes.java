package io.visionstreams.app;

import io.visionstreams.inference.ModelLoadException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;

/** The exit codes of every command, and the one handler that maps a failure's root cause to a message and a code. */
public final class ExitCodes {

    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int MODEL = 4;
    public static final int INCOMPLETE = 5;
    /** {@code run}: the preflight found problems (each printed, naming its key, topic or variable). */
    public static final int PREFLIGHT = 6;

    private ExitCodes() {}

    /** Prints {@code error: <root cause>} and returns the code for it. */
    public static final CommandLine.IExecutionExceptionHandler HANDLER = (e, commandLine, parseResult) -> {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof ModelLoadException) && !(root instanceof ConfigException)) {
            root = root.getCause();
        }
        commandLine.getErr().println("error: " + root.getMessage());
        if (root instanceof ConfigException) {
            return CONFIG;
        }
        return root instanceof ModelLoadException ? MODEL : FAILURE;
    };
}
