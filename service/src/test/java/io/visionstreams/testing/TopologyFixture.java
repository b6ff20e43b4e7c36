package io.visionstreams.testing;

import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The topology tests' fixture as a JUnit extension: each {@link #start} gets a fresh state folder and a
 * {@link TopologyHarness}, and every harness and folder is closed after the test.
 * <pre>{@code @RegisterExtension final TopologyFixture topology = new TopologyFixture();}</pre>
 */
public final class TopologyFixture implements AfterEachCallback {

    private final List<TopologyHarness> harnesses = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    /** Every enabled task on its {@link SharedModels} model, except those given in {@code models}. */
    public TopologyHarness start(Instant capturedAt, Map<String, String> settings, Map<VisionTask, VisionModel<?>> models)
            throws Exception {
        Path stateDir = Files.createTempDirectory("vision-topology-");
        stateDirs.add(stateDir);
        TopologyHarness harness = new TopologyHarness(stateDir, capturedAt, settings, models);
        harnesses.add(harness);
        return harness;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (TopologyHarness harness : harnesses) {
            harness.close();
        }
        harnesses.clear();
        for (Path dir : stateDirs) {
            Utils.delete(dir.toFile());
        }
        stateDirs.clear();
    }
}
