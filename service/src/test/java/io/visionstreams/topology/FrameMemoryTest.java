package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.testing.SharedModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded in bytes per instance: 6-megapixel frames (18 MB decoded each) on two partitions
 * (two stream tasks of one topology, sharing the instance's frame pool and budget) while the model is
 * held back, so that nothing is answered and everything the instance decodes stays in memory. The real
 * MobileNetV2 runs once the gate opens.
 */
class FrameMemoryTest {

    private static final Instant CAPTURED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final int WIDTH = 3000;
    private static final int HEIGHT = 2000;
    private static final long FRAME_BYTES = (long) WIDTH * HEIGHT * 3;
    private static final long BUDGET = 20_000_000L;
    private static final int DECODE_THREADS = 2;

    @TempDir
    Path stateDir;

    @Test
    void largeFramesOnSeveralPartitionsAreDecodedOnlyWithinTheInstancesByteBudget() throws Exception {
        // given one instance: classification on a model held back, a 20 MB budget, two decode threads
        VisionConfig config = VisionConfig.from(Map.of("vision.tasks", "classification",
                "vision.batch.max-in-flight-bytes", String.valueOf(BUDGET),
                "vision.decode.threads", String.valueOf(DECODE_THREADS)));
        CountDownLatch gate = new CountDownLatch(1);
        VisionMetrics metrics = VisionMetrics.inMemory();
        try (DynamicBatcher<?> batcher = batcher(gated(SharedModels.get(VisionTask.CLASSIFICATION), gate), config,
                metrics)) {
            Topology topology = VisionTopology.build(config, new VisionTopology.Pipelines() {
                @Override
                @SuppressWarnings("unchecked")
                public <R> TaskPipeline<R> forTask(VisionTask task) {
                    return new TaskPipeline<>(task, (DynamicBatcher<R>) batcher, TaskSpecs.<R>of(task).encoder());
                }
            }, Wiring.frameLoader(config), metrics);
            byte[] frame = largeJpeg();
            List<TopologyTestDriver> partitions = new ArrayList<>();
            try {
                for (int p = 0; p < 2; p++) {
                    var props = config.streamsProperties();
                    props.put("state.dir", stateDir.resolve("p" + p).toString());
                    partitions.add(new TopologyTestDriver(topology, props));
                }
                // when three 6-megapixel frames arrive on each partition
                for (int p = 0; p < 2; p++) {
                    TestInputTopic<byte[], byte[]> in = partitions.get(p).createInputTopic(config.topics().imageEvents(),
                            new ByteArraySerializer(), new ByteArraySerializer());
                    for (int i = 0; i < 3; i++) {
                        in.pipeInput(("cam-" + p).getBytes(StandardCharsets.UTF_8), event("p" + p + "-e" + i, frame),
                                CAPTURED);
                    }
                }
                // then, while nothing is answered, the instance decodes only what its budget allows
                waitFor(() -> false, Duration.ofSeconds(3), partitions);
                double held = heldBytes(metrics);
                assertThat(held).as("decoded bytes held").isGreaterThanOrEqualTo(FRAME_BYTES)
                        .isLessThanOrEqualTo(BUDGET + DECODE_THREADS * FRAME_BYTES);
                assertThat(held / FRAME_BYTES).as("frames decoded of 6").isLessThan(6);
                // and once the model answers, every frame gets its result and Tags, and the budget is handed back
                gate.countDown();
                List<TestOutputTopic<byte[], byte[]>> tags = new ArrayList<>();
                for (TopologyTestDriver d : partitions) {
                    tags.add(d.createOutputTopic(config.topics().tags(), new ByteArrayDeserializer(),
                            new ByteArrayDeserializer()));
                }
                int[] seen = new int[2];
                waitFor(() -> {
                    for (int p = 0; p < 2; p++) {
                        seen[p] += tags.get(p).readRecordsToList().size();
                    }
                    return seen[0] == 3 && seen[1] == 3;
                }, Duration.ofSeconds(120), partitions);
                assertThat(seen).containsExactly(3, 3);
                assertThat(heldBytes(metrics)).isZero();
            } finally {
                partitions.forEach(TopologyTestDriver::close);
            }
        }
    }

    private static double heldBytes(VisionMetrics metrics) {
        return metrics.registry().get("vision.frames.held.bytes").gauge().value();
    }

    /** Advances both drivers' wall clocks (the forwarding punctuator) until {@code done} or {@code max}. */
    private static void waitFor(BooleanSupplier done, Duration max, List<TopologyTestDriver> drivers)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (TopologyTestDriver d : drivers) {
                d.advanceWallClockTime(Duration.ofMillis(10));
            }
            Thread.sleep(10);
        }
    }

    private static <R> DynamicBatcher<R> batcher(VisionModel<R> model, VisionConfig config, VisionMetrics metrics) {
        return new DynamicBatcher<>(model, config.batching().maxSize(), config.batching().maxQueueDelay(), 1, metrics);
    }

    /** The real model, whose inferers wait for {@code gate} before their first batch. */
    private static <R> VisionModel<R> gated(VisionModel<R> real, CountDownLatch gate) {
        return new VisionModel<>() {
            @Override
            public ModelInfo info() {
                return real.info();
            }

            @Override
            public Inferer<R> newInferer() {
                Inferer<R> inferer = real.newInferer();
                return new Inferer<>() {
                    @Override
                    public List<R> infer(List<RgbImage> batch) throws InferenceException {
                        try {
                            gate.await(120, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return inferer.infer(batch);
                    }

                    @Override
                    public void close() {
                        inferer.close();
                    }
                };
            }

            @Override
            public void close() {} // the real model belongs to the test JVM
        };
    }

    /** A 3000x2000 JPEG (a gradient, so it compresses and decodes fast). */
    private static byte[] largeJpeg() throws Exception {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, (x * 255 / WIDTH) << 16 | (y * 255 / HEIGHT) << 8 | 128);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] event(String id, byte[] jpeg) {
        return Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId(id).setSourceId("cam").setCapturedAt(CAPTURED)
                .setImage(ByteBuffer.wrap(jpeg)).setAttributes(Map.of()).build());
    }
}
