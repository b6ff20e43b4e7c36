package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Stage;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.ResultEncoders;
import io.visionstreams.results.Serdes;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionTopologyTest {

    private static final Instant CAPTURED = Instant.parse("2026-11-25T12:00:00.123Z");

    @TempDir
    Path stateDir;

    private final List<DynamicBatcher<?>> batchers = new ArrayList<>();
    private final VisionMetrics metrics = VisionMetrics.inMemory();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        batchers.forEach(DynamicBatcher::close);
    }

    @Test
    void decodesOnceAndPublishesOneResultPerEnabledTaskKeyedAndTimestampedLikeTheEvent() throws Exception {
        VisionConfig config = start("classification,detection,segmentation");
        // when
        send("cat.bmp", "camera-7");
        // then
        TestRecord<byte[], byte[]> c = awaitOne(config.topics().classifications());
        TestRecord<byte[], byte[]> d = awaitOne(config.topics().detections());
        TestRecord<byte[], byte[]> s = awaitOne(config.topics().segmentations());
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
        VisionConfig config = start("classification");
        List<String> sent = List.of("parrot.jpg", "cat.bmp", "bird.bmp", "hot_dog.jpg", "owl.jpg", "dragonfly.bmp",
                "grace_hopper.bmp", "sunflower.bmp", "parrot.jpg", "cat.bmp");
        for (int i = 0; i < sent.size(); i++) {
            send(sent.get(i), "cam", "e" + i);
        }
        List<String> order = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : await(config.topics().classifications(), sent.size())) {
            order.add(Serdes.CLASSIFICATION.decode(r.value()).getEventId());
        }
        assertThat(order).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
    }

    @Test
    void deadLettersBadInputWithStageReasonAndOriginalBytesAndKeepsStreaming() throws Exception {
        VisionConfig config = start("classification");
        byte[] notAvro = "definitely not an image event".getBytes(StandardCharsets.UTF_8);
        input.pipeInput(new TestRecord<>("k1".getBytes(), notAvro, CAPTURED));
        byte[] textAsJpeg = event("text.jpg", "cam", "hello, I am a text file".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("k2".getBytes(), textAsJpeg, CAPTURED));
        send("cat.bmp", "cam");
        List<TestRecord<byte[], byte[]>> dead = await(config.topics().deadLetters(), 2);
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
        assertThat(Serdes.CLASSIFICATION.decode(awaitOne(config.topics().classifications()).value()).getEventId())
                .isEqualTo("cat.bmp");
        assertThat(metrics.registry().find("vision.dead.letters").counters()).hasSize(2);
    }

    @Test
    void aResultTooLargeForTheTopicBecomesASerializeDeadLetterAndTheOtherTasksStillPublish() throws Exception {
        VisionConfig config = start(Map.of("vision.tasks", "classification,segmentation",
                "vision.output.max-record-bytes", "2048"));
        send("cat.bmp", "cam");
        assertThat(Serdes.CLASSIFICATION.decode(awaitOne(config.topics().classifications()).value()).getEventId())
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
        VisionConfig config = VisionConfig.from(settings);
        Map<VisionTask, TaskPipeline<?>> pipelines = new EnumMap<>(VisionTask.class);
        for (VisionTask task : config.tasks()) {
            pipelines.put(task, pipeline(task, config));
        }
        var topology = VisionTopology.build(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return (TaskPipeline<R>) pipelines.get(task);
            }
        }, Wiring.frameLoader(config), metrics);
        Properties props = config.streamsProperties();
        props.put("state.dir", stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        input = driver.createInputTopic(config.topics().imageEvents(), new ByteArraySerializer(), new ByteArraySerializer());
        return config;
    }

    private <R> TaskPipeline<R> pipeline(VisionTask task, VisionConfig config) throws Exception {
        @SuppressWarnings("unchecked")
        var model = (io.visionstreams.inference.VisionModel<R>) SharedModels.get(task);
        DynamicBatcher<R> batcher = new DynamicBatcher<>(model, config.batching().maxSize(),
                config.batching().maxQueueDelay(), 1, metrics);
        batchers.add(batcher);
        return new TaskPipeline<>(task, batcher, ResultEncoders.forTask(task));
    }

    private void send(String file, String source) throws Exception {
        send(file, source, file);
    }

    private void send(String file, String source, String eventId) throws Exception {
        input.pipeInput(new TestRecord<>(source.getBytes(StandardCharsets.UTF_8),
                event(eventId, source, Files.readAllBytes(SampleImages.image(file))), CAPTURED));
    }

    private static byte[] event(String eventId, String source, byte[] image) {
        return Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId(eventId).setSourceId(source)
                .setCapturedAt(CAPTURED).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build());
    }

    private TestRecord<byte[], byte[]> awaitOne(String topic) throws InterruptedException {
        return await(topic, 1).get(0);
    }

    /** Advances wall-clock time (firing the forwarding punctuator) until {@code n} records arrive. */
    private List<TestRecord<byte[], byte[]>> await(String topic, int n) throws InterruptedException {
        TestOutputTopic<byte[], byte[]> out =
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TestRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (records.size() < n && System.nanoTime() < deadline) {
            driver.advanceWallClockTime(Duration.ofMillis(10));
            records.addAll(out.readRecordsToList());
            Thread.sleep(5);
        }
        assertThat(records).as("records on " + topic).hasSize(n);
        return records;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
