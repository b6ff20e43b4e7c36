package io.visionstreams.app;

import io.visionstreams.results.AvroLimits;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The service jar's entry point ({@code java -jar vision-streams-service.jar run}): only what an operator
 * deploys. The tools' {@code vision-streams} command line offers the same {@code run} beside the others.
 */
@Command(name = "vision-streams-service", mixinStandardHelpOptions = true, version = "vision-streams 0.2.0",
        description = "The Vision Streams stream service.",
        subcommands = {RunCommand.class, ModelsCommand.class, CommandLine.HelpCommand.class})
public final class ServiceMain {

    public static void main(String[] args) {
        AvroLimits.install(); // before anything decodes Avro: Avro reads its limits once per JVM
        CommandLine cli = new CommandLine(new ServiceMain());
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        cli.setExecutionExceptionHandler(ExitCodes.HANDLER);
        System.exit(cli.execute(args));
    }
}
