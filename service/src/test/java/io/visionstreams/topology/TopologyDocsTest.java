package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.config.VisionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyDocsTest {

    @Test
    void committedTopologyDocsMatchWhatTheCodeBuilds() throws Exception {
        Map<String, String> generated = TopologyDocs.generate(VisionConfig.from(Map.of()));
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = Path.of("topology-docs", file.getKey());
            assertThat(committed).as("run ./vision-streams topology to regenerate").exists();
            assertThat(Files.readString(committed)).as(committed + " is stale: run ./vision-streams topology")
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void everyProcessorAndStoreHasItsStableName() {
        String description = TopologyDocs.generate(VisionConfig.from(Map.of())).get("topology.txt");
        assertThat(description).contains("Source: ImageEventsSource (topics: [vision.image-events])",
                "Processor: InferFrames (stores: [frames-pending])",
                "Sink: ClassificationsSink (topic: vision.classifications)", "Sink: DetectionsSink (topic: vision.detections)",
                "Sink: SegmentationsSink (topic: vision.segmentations)", "Sink: TagsSink (topic: vision.tags)",
                "Sink: DeadLettersSink (topic: vision.dead-letters)",
                "Processor: TrackObjects (stores: [track-ids, tracks])", "Processor: TagTracks (stores: [track-ids])",
                "Sink: ObjectEventsSink (topic: vision.object-events)", "Source: ZonesSource (topics: [vision.zones])",
                "Processor: ZonesTable (stores: [zones])");
        assertThat(description).doesNotContain("Processor: DecodeAndValidate", "classification-pending", "detection-pending");
    }
}
