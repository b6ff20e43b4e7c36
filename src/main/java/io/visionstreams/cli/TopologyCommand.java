package io.visionstreams.cli;

import io.visionstreams.config.VisionConfig;
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
@Command(name = "topology", description = "Write topology-docs/ (description, Mermaid diagram, topics/stores/processors).")
final class TopologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "topology-docs", description = "Folder to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : TopologyDocs.generate(VisionConfig.from(Map.of())).entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue());
            spec.commandLine().getOut().println("wrote " + out.resolve(file.getKey()));
        }
        return 0;
    }
}
