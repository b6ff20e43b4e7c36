package io.visionstreams.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RawThroughputBenchmark} under JMH (one fork, {@code threads} predictors side by side)
 * and reports images per second per batch size, all threads together.
 */
public final class RawThroughput {

    private RawThroughput() {}

    public static Map<Integer, Double> measure(String task, Path images, List<Integer> batchSizes, int iterations,
                                               int threads)
            throws Exception {
        Options options = new OptionsBuilder()
                .include(RawThroughputBenchmark.class.getName() + ".batchPredict")
                .param("task", task)
                .param("images", images.toAbsolutePath().toString())
                .param("batchSize", batchSizes.stream().map(String::valueOf).toArray(String[]::new))
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(3))
                .forks(1)
                .threads(threads)
                .jvmArgsAppend("-Dai.djl.offline=true")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Integer, Double> imagesPerSecond = new TreeMap<>();
        for (RunResult r : results) {
            int batch = Integer.parseInt(r.getParams().getParam("batchSize"));
            double batchesPerSecond = r.getPrimaryResult().getScore(); // ops/s, summed over the threads
            imagesPerSecond.put(batch, batchesPerSecond * batch);
        }
        return imagesPerSecond;
    }

    /** The bytes of every decodable image in a folder. */
    public static List<byte[]> images(Path folder) throws Exception {
        return PipelineBench.read(BenchImages.list(folder));
    }
}
