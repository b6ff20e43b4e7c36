package io.visionstreams.app;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ConvertedModel;
import io.visionstreams.inference.DeviceSelector;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.ModelSpec;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Lists the catalog, and converts or verifies models ahead of a run. */
@Command(name = "models", description = "List the model catalog; convert (and cache) models to MXNet.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Convert.class, ModelsCommand.Verify.class})
public final class ModelsCommand {

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
                ModelSpec model = ModelCatalog.get(name);
                // the precision the configuration asks for, as a CPU run would get it
                ConvertedModel converted = loader.convert(model, null,
                        config.models().precision().effective(model, true));
                spec.commandLine().getOut().printf("%-28s %s  %s%n", name, converted.version(), converted.dir());
            }
            return 0;
        }
    }

    @Command(name = "verify", description = "Check each model's sources (sha256), convert, load through DJL and run "
            + "one frame: the start-up path, without Kafka.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Optional properties file.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            VisionConfig config = ConfigLoader.load(configFile, System.getenv(), Map.of());
            Device device = DeviceSelector.select(config.device(), config.engine());
            RgbImage grey = new RgbImage(64, 48, filled(64 * 48 * 3, (byte) 128));
            for (VisionTask task : VisionTask.values()) {
                VisionConfig one = ConfigLoader.load(configFile, System.getenv(), Map.of("vision.tasks", task.configName()));
                try (VisionModel<?> model = new ModelLoader(one).load(task, device);
                     Inferer<?> inferer = model.newInferer()) {
                    long start = System.nanoTime();
                    inferer.infer(List.of(grey));
                    spec.commandLine().getOut().printf("%-15s %-28s %s  %s on %s: ok (one frame in %.1f ms)%n",
                            task.configName(), model.info().name(), model.info().version(), model.info().engine(),
                            model.info().device(), (System.nanoTime() - start) / 1e6);
                }
            }
            return 0;
        }

        private static byte[] filled(int size, byte value) {
            byte[] b = new byte[size];
            java.util.Arrays.fill(b, value);
            return b;
        }
    }
}
