package io.visionstreams.cli;

import io.visionstreams.config.ConfigReference;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.results.SchemaReference;
import io.visionstreams.topology.TopologyDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes {@code topology-docs/} from the topology the code builds (default configuration). */
@Command(name = "topology", description = "Write topology-docs/ (description, Mermaid diagram, topics/stores/processors) "
        + "and the README's configuration reference and schema fingerprints.")
final class TopologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "topology-docs", description = "Folder to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--readme", defaultValue = "README.md", description = "README whose configuration reference to update "
            + "(default: ${DEFAULT-VALUE}; skipped when absent).")
    Path readme;

    @Override
    public Integer call() throws Exception {
        if (Files.isRegularFile(readme)) {
            Files.writeString(readme, ConfigReference.updateReadme(Files.readString(readme)));
            spec.commandLine().getOut().println("updated the configuration reference in " + readme);
            Files.writeString(readme, SchemaReference.updateReadme(Files.readString(readme)));
            spec.commandLine().getOut().println("updated the schema fingerprints in " + readme);
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : TopologyDocs.generate(VisionConfig.from(Map.of())).entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue());
            spec.commandLine().getOut().println("wrote " + out.resolve(file.getKey()));
        }
        return 0;
    }
}
