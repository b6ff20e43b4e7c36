package io.visionstreams.cli;

import io.visionstreams.app.ExitCodes;
import io.visionstreams.app.ModelsCommand;
import io.visionstreams.app.RunCommand;
import io.visionstreams.results.AvroLimits;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vision-streams} command line: one subcommand per job, exit codes instead of stack traces. */
@Command(name = "vision-streams", mixinStandardHelpOptions = true, version = "vision-streams 0.2.0",
        description = "Image events in, classification, detection and segmentation results out (Kafka Streams + DJL/MXNet).",
        subcommands = {DemoCommand.class, RunCommand.class, ProduceCommand.class, ConsumeCommand.class, ReplayCommand.class,
                ViewCommand.class, EvaluateCommand.class, GenerateSequenceCommand.class, ModelsCommand.class,
                TopologyCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class VisionStreamsCli {

    public static final int EXIT_FAILURE = ExitCodes.FAILURE;
    public static final int EXIT_USAGE = ExitCodes.USAGE;
    public static final int EXIT_CONFIG = ExitCodes.CONFIG;
    public static final int EXIT_MODEL = ExitCodes.MODEL;
    public static final int EXIT_INCOMPLETE = ExitCodes.INCOMPLETE;
    /** {@code run}: the preflight found problems (each printed, naming its key, topic or variable). */
    public static final int EXIT_PREFLIGHT = ExitCodes.PREFLIGHT;

    public static void main(String[] args) {
        AvroLimits.install(); // before anything decodes Avro: Avro reads its limits once per JVM
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its output streams; tests call this with their own writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new VisionStreamsCli());
        cli.setOut(out);
        cli.setErr(err);
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            cli.addSubcommand(plugin.command());
        }
        cli.setExecutionExceptionHandler(ExitCodes.HANDLER);
        return cli;
    }
}
