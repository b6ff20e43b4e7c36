package io.visionstreams.topology;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.batching.DynamicBatcher;
import io.visionstreams.batching.FramePool;
import io.visionstreams.batching.SourceRecordReader;
import io.visionstreams.batching.TaskPipeline;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassScore;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.Serdes;
import io.visionstreams.task.TaskSpecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.Serdes.ByteArraySerde;
import org.apache.kafka.common.serialization.Serdes.LongSerde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The burst of issue 16, finding 3, run by {@link DecodeBurstTest} in a JVM of its own ({@code -Xmx1g}):
 * 32 solid 7000x7000 PNGs (about 150 KB each) into one {@link FrameProcessor} on Kafka Streams'
 * {@link MockProcessorContext}, decoded by 16 frame-pool threads under a byte budget, answered by a
 * model that does nothing with the pixels (the memory measured is the decode path's). Prints one line
 * {@code answered=.. peakHeld=.. budget=.. peakHeap=.. peakRssKb=..}; exits 3 on an OutOfMemoryError.
 */
public final class DecodeBurst {

    private static final int FRAMES = 32;
    private static final int SIDE = 7000;

    public static void main(String[] args) throws Exception {
        long budget = Long.parseLong(args[0]);
        try {
            run(budget);
        } catch (OutOfMemoryError e) {
            System.out.println("OOM " + e);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    private static void run(long budget) throws Exception {
        VisionConfig config = VisionConfig.from(Map.of("vision.tasks", "classification", "vision.tags.enabled", "false",
                "vision.batch.max-in-flight", "64", "vision.batch.max-size", "1"));
        byte[] png = solidPng();
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            events.add(Serdes.IMAGE_EVENT.encode(ImageEvent.newBuilder().setEventId("e" + i).setSourceId("cam")
                    .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(png)).setAttributes(Map.of()).build()));
        }
        System.gc();
        resetPeaks();
        VisionMetrics metrics = VisionMetrics.inMemory();
        FramePool pool = new FramePool(16, budget);
        DynamicBatcher<ClassificationResult> batcher = new DynamicBatcher<>(new Blind(), 1, Duration.ZERO, 2, metrics);
        MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>(config.streamsProperties());
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Names.PENDING_STORE),
                new LongSerde(), new ByteArraySerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        FrameProcessor processor = new FrameProcessor(config, new VisionTopology.Pipelines() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> TaskPipeline<R> forTask(VisionTask task) {
                return new TaskPipeline<>(task, (DynamicBatcher<R>) (DynamicBatcher<?>) batcher,
                        TaskSpecs.<R>of(task).encoder());
            }
        }, TaskSpecs.of(config.tasks()), Wiring.frameLoader(config), pool,
                (configs, id) -> (SourceRecordReader) (partition, offsets, timeout) ->
                        new SourceRecordReader.ReadBack(Map.of(), Set.of()), metrics);
        processor.init(context);
        for (int i = 0; i < FRAMES; i++) {
            context.setRecordMetadata("burst", 0, i);
            processor.process(new Record<>("cam".getBytes(StandardCharsets.UTF_8), events.get(i), 0L));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (answered(context) < FRAMES && System.nanoTime() < deadline) {
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(System.currentTimeMillis()));
            Thread.sleep(20);
        }
        long peakHeld = peakHeld(pool);
        System.out.println("answered=" + answered(context) + " deadLetters=" + context.forwarded(Names.DEAD_LETTERS_SINK).size()
                + " peakHeld=" + peakHeld + " budget=" + budget + " peakHeap=" + peakHeap() + " peakRssKb=" + peakRssKb());
        processor.close();
        batcher.close();
    }

    /** Old builds have no peak: -1. */
    private static long peakHeld(FramePool pool) {
        try {
            return (long) pool.budget().getClass().getMethod("peak").invoke(pool.budget());
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }

    private static int answered(MockProcessorContext<byte[], byte[]> context) {
        return context.forwarded().size();
    }

    private static byte[] solidPng() throws Exception {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void resetPeaks() throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Answers every frame with one fixed label without reading its pixels: the burst measures decoding. */
    private static final class Blind implements VisionModel<ClassificationResult> {
        @Override
        public ModelInfo info() {
            return new ModelInfo("blind", "000000000000", "none", "cpu()", VisionTask.CLASSIFICATION);
        }

        @Override
        public Inferer<ClassificationResult> newInferer() {
            return new Inferer<>() {
                @Override
                public List<ClassificationResult> infer(List<RgbImage> batch) {
                    List<ClassificationResult> out = new ArrayList<>();
                    batch.forEach(f -> out.add(new ClassificationResult(List.of(new ClassScore(0, "solid", 1f)))));
                    return out;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }
}
