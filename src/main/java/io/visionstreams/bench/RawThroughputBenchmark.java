package io.visionstreams.bench;

import ai.djl.Device;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.InferenceException;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.inference.ModelLoader;
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
 * resize, normalization and post-processing included), the model loaded as the application loads it.
 * Throughput in batches per second; times {@code batchSize} = images per second.
 */
@State(Scope.Benchmark)
public class RawThroughputBenchmark {

    @Param({"classification"})
    public String task;

    @Param({"8"})
    public int batchSize;

    /** Folder of images, cycled to fill a batch. */
    @Param({""})
    public String images;

    private VisionModel<?> model;
    private Inferer<?> inferer;
    private List<RgbImage> batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", task));
        model = new ModelLoader(config).load(VisionTask.fromConfigName(task), Device.cpu());
        inferer = model.newInferer();
        ImageDecoder decoder = new ImageDecoder();
        List<RgbImage> decoded = new ArrayList<>();
        for (Path file : BenchImages.list(Path.of(images))) {
            decoded.add(decoder.decode(Files.readAllBytes(file)));
        }
        batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            batch.add(decoded.get(i % decoded.size()));
        }
    }

    @Benchmark
    public List<?> batchPredict() throws InferenceException {
        return inferer.infer(batch);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        inferer.close();
        model.close();
    }
}
