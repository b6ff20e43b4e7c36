package io.visionstreams.cli;

import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists the catalog, and converts or verifies models ahead of a run. */
@Command(name = "models", description = "List the model catalog; convert (and cache) models to MXNet.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Convert.class})
final class ModelsCommand {

    @Command(name = "list", description = "The catalog: name, task, input size, sources.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (ModelSpec m : ModelCatalog.MODELS) {
                out.printf("%-28s %-15s %dx%d  %s%n", m.name(), m.task().configName(), m.inputSize(), m.inputSize(),
                        m.description());
                for (ModelSpec.SourceFile f : m.files()) {
                    out.printf("    %s  sha256 %s%n", f.url(), f.sha256());
                }
            }
            return 0;
        }
    }

    @Command(name = "convert", description = "Resolve, verify (sha256) and convert models to MXNet into the cache.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Catalog names (default: all).")
        List<String> names;

        @Option(names = "--config", paramLabel = "FILE", description = "Optional properties file.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            VisionConfig config = ConfigLoader.load(configFile, System.getenv(), Map.of());
            ModelLoader loader = new ModelLoader(config);
            List<String> selected = names == null || names.isEmpty()
                    ? ModelCatalog.MODELS.stream().map(ModelSpec::name).toList() : names;
            for (String name : selected) {
                ConvertedModel converted = loader.convert(ModelCatalog.get(name), null);
                spec.commandLine().getOut().printf("%-28s %s  %s%n", name, converted.version(), converted.dir());
            }
            return 0;
        }
    }
}
