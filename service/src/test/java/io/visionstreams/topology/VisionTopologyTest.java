package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.VisionTask;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Stage;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.TopologyHarness;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology on the real models ({@link TopologyHarness}): results per task, their order, dead letters. */
class VisionTopologyTest {

    private static final Instant CAPTURED = Instant.parse("2026-11-25T12:00:00.123Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void decodesOnceAndPublishesOneResultPerEnabledTaskKeyedAndTimestampedLikeTheEvent() throws Exception {
        // given all three tasks
        VisionConfig config = start("classification,detection,segmentation");
        // when one event arrives
        send("cat.bmp", "camera-7");
        // then each task publishes one result, keyed and timestamped like the event
        TestRecord<byte[], byte[]> c = awaitOne(config.topics().resultsFor(VisionTask.CLASSIFICATION));
        TestRecord<byte[], byte[]> d = awaitOne(config.topics().resultsFor(VisionTask.DETECTION));
        TestRecord<byte[], byte[]> s = awaitOne(config.topics().resultsFor(VisionTask.SEGMENTATION));
        for (TestRecord<byte[], byte[]> r : List.of(c, d, s)) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("camera-7");
            assertThat(r.timestamp()).isEqualTo(CAPTURED.toEpochMilli());
        }
        Classification classification = Serdes.CLASSIFICATION.decode(c.value());
        assertThat(classification.getEventId()).isEqualTo("cat.bmp");
        assertThat(classification.getTopK().get(0).getLabel()).isEqualTo("Egyptian cat");
        assertThat(classification.getModel().getName()).isEqualTo("mobilenet_v2_1.0_224");
        assertThat(classification.getModel().getDevice()).isEqualTo("cpu()");
        Detections detections = Serdes.DETECTIONS.decode(d.value());
        assertThat(detections.getObjects()).extracting(o -> o.getLabel()).contains("cat");
        assertThat(detections.getImageWidth()).isPositive();
        Segmentation segmentation = Serdes.SEGMENTATION.decode(s.value());
        assertThat(segmentation.getClasses()).extracting(f -> f.getLabel()).contains("cat");
        assertThat(segmentation.getMaskWidth()).isEqualTo(detections.getImageWidth());
    }

    @Test
    void forwardsResultsInInputOrderPerTask() throws Exception {
        // given classification
        VisionConfig config = start("classification");
        // when ten events arrive
        List<String> sent = List.of("parrot.jpg", "cat.bmp", "bird.bmp", "hot_dog.jpg", "owl.jpg", "dragonfly.bmp",
                "grace_hopper.bmp", "sunflower.bmp", "parrot.jpg", "cat.bmp");
        for (int i = 0; i < sent.size(); i++) {
            send(sent.get(i), "cam", "e" + i);
        }
        // then their results arrive in input order
        List<String> order = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : harness.await(config.topics().resultsFor(VisionTask.CLASSIFICATION), sent.size())) {
            order.add(Serdes.CLASSIFICATION.decode(r.value()).getEventId());
        }
        assertThat(order).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
    }

    @Test
    void deadLettersBadInputWithStageReasonAndOriginalBytesAndKeepsStreaming() throws Exception {
        // given classification
        VisionConfig config = start("classification");
        // when a value that is no event, an event that is no image, then a good event arrive
        byte[] notAvro = "definitely not an image event".getBytes(StandardCharsets.UTF_8);
        harness.pipe("k1", notAvro);
        byte[] text = "hello, I am a text file".getBytes(StandardCharsets.UTF_8);
        byte[] textAsJpeg = harness.event("text.jpg", "cam", text);
        harness.pipe("k2", textAsJpeg);
        send("cat.bmp", "cam");
        // then the first two are dead letters and the third gets its result
        List<TestRecord<byte[], byte[]>> dead = harness.await(config.topics().deadLetters(), 2);
        DeadLetter first = Serdes.DEAD_LETTER.decode(dead.get(0).value());
        assertThat(first.getStage()).isEqualTo(Stage.DESERIALIZE);
        assertThat(first.getEventId()).isNull();
        assertThat(bytes(first.getOriginalValue())).isEqualTo(notAvro);
        assertThat(bytes(first.getOriginalKey())).isEqualTo("k1".getBytes());
        assertThat(first.getSourceTopic()).isEqualTo(config.topics().imageEvents());
        assertThat(first.getOffset()).isEqualTo(0L);
        DeadLetter second = Serdes.DEAD_LETTER.decode(dead.get(1).value());
        assertThat(second.getStage()).isEqualTo(Stage.DECODE);
        assertThat(second.getEventId()).isEqualTo("text.jpg");
        assertThat(second.getOffset()).isEqualTo(1L);
        assertThat(bytes(second.getOriginalValue())).isEqualTo(textAsJpeg);
        assertThat(Serdes.CLASSIFICATION.decode(awaitOne(config.topics().resultsFor(VisionTask.CLASSIFICATION)).value()).getEventId())
                .isEqualTo("cat.bmp");
        assertThat(harness.metrics().registry().find("vision.dead.letters").counters()).hasSize(2);
    }

    @Test
    void aResultTooLargeForTheTopicBecomesASerializeDeadLetterAndTheOtherTasksStillPublish() throws Exception {
        // given classification and segmentation, with records limited to 2 KB
        VisionConfig config = start(Map.of("vision.tasks", "classification,segmentation",
                "vision.output.max-record-bytes", "2048"));
        // when an event arrives
        send("cat.bmp", "cam");
        // then the classification is published and the segmentation mask is dead-lettered
        assertThat(Serdes.CLASSIFICATION.decode(awaitOne(config.topics().resultsFor(VisionTask.CLASSIFICATION)).value()).getEventId())
                .isEqualTo("cat.bmp");
        DeadLetter dl = Serdes.DEAD_LETTER.decode(awaitOne(config.topics().deadLetters()).value());
        assertThat(dl.getStage()).isEqualTo(Stage.SERIALIZE);
        assertThat(dl.getReason()).isEqualTo("RESULT_TOO_LARGE");
        assertThat(dl.getTask()).isEqualTo("segmentation");
        assertThat(dl.getOriginalValueOmitted()).isTrue(); // the 500 KB bitmap does not fit 2 KB either
    }

    private VisionConfig start(String tasks) throws Exception {
        return start(Map.of("vision.tasks", tasks));
    }

    private VisionConfig start(Map<String, String> settings) throws Exception {
        harness = new TopologyHarness(stateDir, CAPTURED, settings);
        return harness.config();
    }

    private void send(String file, String source) throws IOException {
        send(file, source, file);
    }

    private void send(String file, String source, String eventId) throws IOException {
        harness.send(eventId, source, SampleImages.bytes(file));
    }

    private TestRecord<byte[], byte[]> awaitOne(String topic) throws InterruptedException {
        return harness.await(topic, 1).get(0);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
