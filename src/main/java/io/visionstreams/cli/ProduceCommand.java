package io.visionstreams.cli;

import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.ImageFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Sends one ImageEvent per file to a topic of a running cluster. */
@Command(name = "produce", description = "Send one ImageEvent per file (folders: every file in them) to a topic.")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Image files or folders of them.")
    List<Path> inputs;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", defaultValue = "vision.image-events", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--source-id", defaultValue = "cli", description = "source_id of every event (default: ${DEFAULT-VALUE}).")
    String sourceId;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ImageFiles.list(inputs);
        try (ImageEventProducer producer = new ImageEventProducer(cluster.clientProperties(), topic)) {
            for (Path file : files) {
                ImageEventProducer.await(producer.send(ImageFiles.event(file, sourceId, Instant.now())));
            }
        }
        spec.commandLine().getOut().printf("sent %d image events to %s%n", files.size(), topic);
        return 0;
    }
}
