package io.visionstreams.cli;

import io.visionstreams.config.ConfigReference;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.results.SchemaReference;
import io.visionstreams.topology.TopologyDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes {@code topology-docs/} from the topology the code builds (default configuration). */
@Command(name = "topology", description = "Write topology-docs/ (description, Mermaid diagram, topics/stores/processors) "
        + "and the generated blocks of the docs: the configuration reference and the schema fingerprints.")
final class TopologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "topology-docs", description = "Folder to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--readme", defaultValue = "README.md", description = "A markdown file whose generated blocks to update "
            + "too, where it has their markers (default: ${DEFAULT-VALUE}; skipped when absent).")
    Path readme;

    @Option(names = "--docs", defaultValue = "docs", description = "Folder of the reference docs whose generated blocks "
            + "to update: configuration.md, contracts.md (default: ${DEFAULT-VALUE}; skipped when absent).")
    Path docs;

    @Override
    public Integer call() throws Exception {
        for (Path file : List.of(readme, docs.resolve("configuration.md"), docs.resolve("contracts.md"))) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = Files.readString(file);
            if (text.contains(ConfigReference.BEGIN)) {
                Files.writeString(file, text = ConfigReference.updateReadme(text));
                spec.commandLine().getOut().println("updated the configuration reference in " + file);
            }
            if (text.contains(SchemaReference.BEGIN)) {
                Files.writeString(file, SchemaReference.updateReadme(text));
                spec.commandLine().getOut().println("updated the schema fingerprints in " + file);
            }
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : TopologyDocs.generate(VisionConfig.from(Map.of())).entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue());
            spec.commandLine().getOut().println("wrote " + out.resolve(file.getKey()));
        }
        return 0;
    }
}
