package io.visionstreams.cli;

import io.visionstreams.inference.ModelLoadException;
import java.io.PrintWriter;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vision-streams} command line: one subcommand per job, exit codes instead of stack traces. */
@Command(name = "vision-streams", mixinStandardHelpOptions = true, version = "vision-streams 0.2.0",
        description = "Image events in, classification, detection and segmentation results out (Kafka Streams + DJL/MXNet).",
        subcommands = {DemoCommand.class, RunCommand.class, ProduceCommand.class, ConsumeCommand.class, ReplayCommand.class,
                ViewCommand.class, EvaluateCommand.class, ModelsCommand.class,
                TopologyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class VisionStreamsCli {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_CONFIG = 3;
    public static final int EXIT_MODEL = 4;
    public static final int EXIT_INCOMPLETE = 5;
    /** {@code run}: the preflight found problems (each printed, naming its key, topic or variable). */
    public static final int EXIT_PREFLIGHT = 6;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its output streams; tests call this with their own writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new VisionStreamsCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof ModelLoadException) && !(root instanceof ConfigException)) {
                root = root.getCause();
            }
            commandLine.getErr().println("error: " + root.getMessage());
            if (root instanceof ConfigException) {
                return EXIT_CONFIG;
            }
            return root instanceof ModelLoadException ? EXIT_MODEL : EXIT_FAILURE;
        });
        return cli;
    }
}
