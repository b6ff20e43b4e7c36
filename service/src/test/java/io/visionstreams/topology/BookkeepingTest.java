package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.Tags;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.DeterministicClassifier;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.TopologyFixture;
import io.visionstreams.testing.TopologyHarness;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The frame processor's books on a small deterministic model ({@link DeterministicClassifier}): what is
 * forwarded, in which order, and how much is held, whatever the model sees. Frames are solid colours, so
 * the answer each must get is known before the topology runs.
 */
class BookkeepingTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String[] COLOURS = {"red", "green", "blue"};

    @RegisterExtension
    final TopologyFixture topology = new TopologyFixture();

    @Test
    void forwardsOneResultPerEventInInputOrderAndEmptiesThePendingStore() throws Exception {
        // given classification on the deterministic model, batches of up to 4
        DeterministicClassifier model = DeterministicClassifier.instant();
        TopologyHarness harness = start(model, "4", "8");
        // when 30 solid frames from three cameras arrive, colours cycling red, green, blue
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            harness.send("e" + i, "camera-" + (i % 3), FaultInjectingModel.png(solid(i % 3)));
            sent.add("e" + i);
        }
        // then each event has exactly one result, in input order, with its own colour on top
        harness.awaitUntil(() -> harness.received(harness.config().topics().tags()).size() == 30);
        List<Classification> results = harness.received(harness.config().topics().resultsFor(VisionTask.CLASSIFICATION), Serdes.CLASSIFICATION);
        assertThat(results).extracting(Classification::getEventId).containsExactlyElementsOf(sent);
        for (int i = 0; i < 30; i++) {
            assertThat(results.get(i).getTopK().get(0).getLabel()).isEqualTo(COLOURS[i % 3]);
        }
        assertThat(model.frames()).isEqualTo(30);
        List<Tags> tags = harness.received(harness.config().topics().tags(), Serdes.TAGS);
        assertThat(tags).extracting(Tags::getEventId).containsExactlyElementsOf(sent);
        assertThat(harness.pendingOffsets()).isEmpty();
    }

    @Test
    void holdsNoMoreThanMaxInFlightEventsWhileTheModelIsSlow() throws Exception {
        // given a model taking 150 ms per batch, batches of 1, at most 2 events in flight
        TopologyHarness harness = start(DeterministicClassifier.takingPerBatch(150), "1", "2");
        // when 8 events arrive back to back, the pending store never holds more than 2 of them
        int most = 0;
        for (int i = 0; i < 8; i++) {
            harness.send("e" + i, "camera-1", FaultInjectingModel.png(solid(i % 3)));
            most = Math.max(most, harness.pendingOffsets().size());
        }
        assertThat(most).isBetween(1, 2);
        // and every event is answered once all the same
        harness.awaitUntil(() -> harness.received(harness.config().topics().tags()).size() == 8);
        assertThat(harness.received(harness.config().topics().resultsFor(VisionTask.CLASSIFICATION))).hasSize(8);
        assertThat(harness.pendingOffsets()).isEmpty();
    }

    private TopologyHarness start(VisionModel<?> model, String maxBatch, String maxInFlight) throws Exception {
        return topology.start(CAPTURED, Map.of("vision.tasks", "classification", "vision.batch.max-size", maxBatch,
                "vision.batch.max-in-flight", maxInFlight), Map.of(VisionTask.CLASSIFICATION, model));
    }

    /** A 32x24 frame of one pure colour: 0 red, 1 green, 2 blue. */
    private static RgbImage solid(int channel) {
        byte[] pixels = new byte[32 * 24 * 3];
        for (int i = channel; i < pixels.length; i += 3) {
            pixels[i] = (byte) 200;
        }
        return new RgbImage(32, 24, pixels);
    }
}
