package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Tags;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.FaultInjectingModel;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import io.visionstreams.testing.TopologyFixture;
import io.visionstreams.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Tags output, joined inside the topology from every enabled task's answer, on the real models
 * ({@link TopologyHarness}). Event {@code e<i>} is input offset {@code i}.
 */
class TagsJoinTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @RegisterExtension
    final TopologyFixture topology = new TopologyFixture();

    private TopologyHarness harness;
    private VisionConfig config;

    @Test
    void publishesOneTagsRecordPerEventOnceEveryTaskAnsweredWithTheLabelsAboveTheThresholds() throws Exception {
        // given all three tasks with the default thresholds
        start("classification,detection,segmentation", Map.of(), Map.of());
        // when a cat and a COCO street scene arrive from camera 7
        harness.send("e0", "camera-7", SampleImages.bytes("cat.bmp"));
        harness.send("e1", "camera-7", SampleImages.bytes("000000000036.jpg"));
        List<TestRecord<byte[], byte[]>> records = harness.await(config.topics().tags(), 2);
        // then one Tags record per event, keyed and timestamped like the event, after all three results
        for (VisionTask task : config.tasks()) {
            assertThat(harness.received(config.topics().resultsFor(task))).hasSize(2);
        }
        assertThat(records).allSatisfy(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("camera-7");
            assertThat(r.timestamp()).isEqualTo(CAPTURED.toEpochMilli());
        });
        List<Tags> tags = harness.received(config.topics().tags(), Serdes.TAGS);
        assertThat(tags).extracting(Tags::getEventId).containsExactly("e0", "e1");
        Classification cat = harness.received(config.topics().resultsFor(VisionTask.CLASSIFICATION),
                Serdes.CLASSIFICATION).get(0);
        Tags catTags = tags.get(0);
        // the top-1 class (0.5 and over) and the segmented cat (5% of the pixels and over)
        assertThat(labels(catTags, "classification")).singleElement().satisfies(l -> {
            assertThat(l.getLabel()).isEqualTo("Egyptian cat");
            assertThat(l.getScore()).isEqualTo(cat.getTopK().get(0).getScore());
            assertThat(l.getBox()).isNull();
        });
        Segmentation catSegments = harness.received(config.topics().resultsFor(VisionTask.SEGMENTATION),
                Serdes.SEGMENTATION).get(0);
        assertThat(labels(catTags, "segmentation")).extracting(TagLabel::getLabel).containsExactly("cat");
        assertThat(labels(catTags, "segmentation").get(0).getScore()).isEqualTo(catSegments.getClasses().stream()
                .filter(c -> c.getLabel().equals("cat")).findFirst().orElseThrow().getFraction());
        assertThat(catTags.getTasks()).containsExactly("classification", "detection", "segmentation");
        assertThat(catTags.getDeadLettered()).isEmpty();
        assertThat(catTags.getModels()).extracting(ModelRef::getName).containsExactly(
                model(VisionTask.CLASSIFICATION), model(VisionTask.DETECTION), model(VisionTask.SEGMENTATION));
        // and the street scene's objects scoring 0.5 or more, with their boxes
        Detections street = harness.received(config.topics().resultsFor(VisionTask.DETECTION), Serdes.DETECTIONS).get(1);
        List<DetectedObject> confident = street.getObjects().stream().filter(o -> o.getScore() >= 0.5f).toList();
        assertThat(confident).isNotEmpty().hasSizeLessThan(street.getObjects().size() + 1);
        assertThat(labels(tags.get(1), "detection")).extracting(TagLabel::getLabel)
                .containsExactlyElementsOf(confident.stream().map(DetectedObject::getLabel).toList());
        assertThat(labels(tags.get(1), "detection")).allSatisfy(l -> assertThat(l.getBox()).isNotNull())
                .extracting(TagLabel::getLabel).contains("person");
        // and the join left nothing behind
        assertThat(harness.pendingOffsets()).isEmpty();
    }

    @Test
    void aTaskThatDeadLettersIsNamedInTheTagsWhileTheOthersStillContribute() throws Exception {
        // given classification failing on poisoned frames, and detection
        start("classification,detection", Map.of(), Map.of(VisionTask.CLASSIFICATION,
                FaultInjectingModel.failingOnPoisonedFrames(SharedModels.get(VisionTask.CLASSIFICATION))));
        // when a poisoned bird arrives
        byte[] poisoned = FaultInjectingModel.png(FaultInjectingModel.poison(
                new ImageDecoder().decode(SampleImages.bytes("bird.bmp"))));
        harness.send("e0", "cam", poisoned);
        harness.await(config.topics().tags(), 1);
        // then its Tags say classification dead-lettered and carry detection's bird
        Tags tags = harness.received(config.topics().tags(), Serdes.TAGS).get(0);
        assertThat(tags.getTasks()).containsExactly("detection");
        assertThat(tags.getDeadLettered()).containsExactly("classification");
        assertThat(tags.getModels()).extracting(ModelRef::getName).containsExactly(model(VisionTask.DETECTION));
        assertThat(tags.getLabels()).extracting(TagLabel::getTask).containsOnly("detection");
        assertThat(tags.getLabels()).extracting(TagLabel::getLabel).contains("bird");
        DeadLetter letter = harness.received(config.topics().deadLetters(), Serdes.DEAD_LETTER).get(0);
        assertThat(letter.getTask()).isEqualTo("classification");
    }

    @Test
    void anEventThatCannotBeDecodedHasItsDeadLetterAndNoTags() throws Exception {
        // given classification
        start("classification", Map.of(), Map.of());
        // when a text file arrives between two images
        harness.send("e0", "cam", SampleImages.bytes("cat.bmp"));
        harness.send("e1", "cam", "not a picture".getBytes(StandardCharsets.UTF_8));
        harness.send("e2", "cam", SampleImages.bytes("owl.jpg"));
        harness.await(config.topics().tags(), 2);
        // then the images have Tags, the text file one whole-event dead letter and none
        assertThat(harness.received(config.topics().tags(), Serdes.TAGS)).extracting(Tags::getEventId)
                .containsExactly("e0", "e2");
        assertThat(harness.received(config.topics().deadLetters(), Serdes.DEAD_LETTER)).singleElement()
                .satisfies(d -> {
                    assertThat(d.getEventId()).isEqualTo("e1");
                    assertThat(d.getTask()).isNull();
                });
        assertThat(harness.pendingOffsets()).isEmpty();
    }

    @Test
    void thresholdsAndTheSwitchAreConfiguration() throws Exception {
        // given a classification threshold no score reaches
        start("classification", Map.of("vision.tags.classification.min-score", "1.0"), Map.of());
        harness.send("e0", "cam", SampleImages.bytes("cat.bmp"));
        harness.await(config.topics().tags(), 1);
        // then the Tags name the task but carry no label
        Tags tags = harness.received(config.topics().tags(), Serdes.TAGS).get(0);
        assertThat(tags.getTasks()).containsExactly("classification");
        assertThat(tags.getLabels()).isEmpty();
        harness.close();
        // and given tags switched off, the topology has no Tags sink and writes none
        start("classification", Map.of("vision.tags.enabled", "false"), Map.of());
        assertThat(harness.topologyDescription()).doesNotContain(Names.TAGS_SINK);
        harness.send("e0", "cam", SampleImages.bytes("cat.bmp"));
        harness.await(config.topics().resultsFor(VisionTask.CLASSIFICATION), 1);
        assertThat(harness.received(config.topics().tags())).isEmpty();
        assertThat(harness.pendingOffsets()).isEmpty();
    }

    private void start(String tasks, Map<String, String> extra, Map<VisionTask, VisionModel<?>> models)
            throws Exception {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("vision.tasks", tasks);
        harness = topology.start(CAPTURED, settings, models);
        config = harness.config();
    }

    private static List<TagLabel> labels(Tags tags, String task) {
        return tags.getLabels().stream().filter(l -> l.getTask().equals(task)).toList();
    }

    private static String model(VisionTask task) throws Exception {
        return SharedModels.get(task).info().name();
    }
}
