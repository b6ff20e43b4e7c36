package io.visionstreams.bench;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one {@code Predictor.batchPredict} of {@code batchSize} decoded frames (the translator's
 * resize, normalization and post-processing included), the model loaded as the application loads
 * it. Each JMH thread owns a predictor, as each batcher worker does. Throughput in batches per
 * second; times {@code batchSize} = images per second.
 */
@State(Scope.Thread)
public class RawThroughputBenchmark {

    /** The model, loaded once and shared by every JMH thread. */
    @State(Scope.Benchmark)
    public static class Model {

        @Param({"classification"})
        public String task;

        /** Folder of images, cycled to fill a batch. */
        @Param({""})
        public String images;

        VisionModel<?> model;
        List<RgbImage> decoded = new ArrayList<>();

        @Setup(Level.Trial)
        public void load() throws Exception {
            VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", task));
            model = new ModelLoader(config).load(VisionTask.fromConfigName(task), Device.cpu());
            ImageDecoder decoder = new ImageDecoder();
            for (Path file : BenchImages.list(Path.of(images))) {
                decoded.add(decoder.decode(Files.readAllBytes(file)));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            model.close();
        }
    }

    @Param({"8"})
    public int batchSize;

    private Inferer<?> inferer;
    private List<RgbImage> batch;

    @Setup(Level.Trial)
    public void setUp(Model m) {
        inferer = m.model.newInferer();
        batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            batch.add(m.decoded.get(i % m.decoded.size()));
        }
    }

    @Benchmark
    public List<?> batchPredict() throws InferenceException {
        return inferer.infer(batch);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        inferer.close();
    }
}
