package io.visionstreams.bench;

import io.visionstreams.cli.ImagesOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.visionstreams.batching.Workers;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.results.WireFormat;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.LoadedModels;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.PrecisionChoice;
import io.visionstreams.inference.VisionTask;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks, measured side by side in one run on this machine. */
@Command(name = "bench", description = "Measure throughput (raw model, pipeline, naive loop) or survive chaos.",
        subcommands = {BenchCommand.Pipeline.class, BenchCommand.Chaos.class, BenchCommand.Model.class,
                BenchBudgetCommand.class, BenchDecodeCommand.class})
public final class BenchCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "pipeline", description = "Per input set (the samples, camera-like 640x480 and 1920x1080 JPEGs): "
            + "raw batchPredict (JMH, batch 1/8/32 on one predictor, batch 8 on every worker), the pipeline through an "
            + "embedded broker, and the naive one-predict-per-record consumer loop on every core. --duration: a soak run "
            + "reporting memory instead.")
    static final class Pipeline implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "800", description = "Events measured per pipeline run (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--warmup-events", defaultValue = "600",
                description = "Results before measuring, at least; the warm-up also lasts until the JIT has settled "
                        + "(under 5% of a core over 10 s, at most 240 s), as JMH warms up the raw measurement (default: ${DEFAULT-VALUE}).")
        int warmupEvents;

        @Option(names = "--task", defaultValue = "classification", description = "Task to measure (default: ${DEFAULT-VALUE}).")
        String task;

        @Mixin
        ImagesOption images;

        @Option(names = "--frames", split = ",", defaultValue = "640x480,samples", paramLabel = "SET",
                description = "Input sets: samples, 640x480, 1920x1080; the first is the headline (default: ${DEFAULT-VALUE}).")
        List<String> frames;

        @Option(names = "--latency-events", defaultValue = "100", description = "Events of the latency phase (default: ${DEFAULT-VALUE}).")
        int latencyEvents;

        @Option(names = "--jmh-iterations", defaultValue = "3", description = "JMH measurement iterations per batch size (default: ${DEFAULT-VALUE}).")
        int jmhIterations;

        @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
                description = "Soak instead: keep the pipeline saturated this long on the first input set; report heap and "
                        + "resident memory at the start, after one minute and at the end.")
        long durationSeconds;

        @Option(names = "--json", description = "Print one JSON object as the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            VisionTask visionTask = VisionTask.fromConfigName(task);
            VisionConfig config = ConfigLoader.load(null, System.getenv(), Map.of("vision.tasks", task));
            int workers = Workers.resolve(config.batching().workers(), false, System.getenv("OMP_NUM_THREADS"));
            ObjectNode r = JSON.createObjectNode();
            Machine.describe(r).put("task", task).put("events", events).put("warmup_events", warmupEvents)
                    .put("inference_workers", workers);
            r.put("serde_format", PipelineBench.wireSettings().getOrDefault(WireFormat.CONFIG, "single-object"));
            PrecisionChoice precision = PrecisionChoice.of(config.models().precision(),
                    ModelCatalog.get(config.models().names().get(visionTask)), true);
            r.put(task + "_precision", precision.precision().configName()).put(task + "_precision_reason", precision.reason());
            Path work = Files.createTempDirectory("vision-bench-");
            try (EmbeddedKafka kafka = EmbeddedKafka.start();
                 LoadedModels models = new ModelLoader(config).loadEnabled()) {
                if (durationSeconds > 0) {
                    soak(r, kafka, models, visionTask, work);
                } else {
                    boolean headline = true;
                    for (String name : frames) {
                        measure(r, CameraFrames.FrameSet.parse(name), headline, kafka, models, visionTask, workers, work);
                        headline = false;
                    }
                }
            } finally {
                Utils.delete(work.toFile());
            }
            out.printf("%n%-40s %10s%n", "measure (" + task + ", " + events + " events)", "value");
            r.fields().forEachRemaining(e -> out.printf("%-40s %10s%n", e.getKey(), e.getValue().asText()));
            if (json) {
                out.println(JSON.writeValueAsString(r));
            }
            out.flush();
            return 0;
        }

        private void measure(ObjectNode r, CameraFrames.FrameSet set, boolean headline, EmbeddedKafka kafka,
                             LoadedModels models, VisionTask visionTask, int workers, Path work) throws Exception {
            Path folder = CameraFrames.folder(images.folder(), set, work);
            List<byte[]> bytes = RawThroughput.images(folder);
            String n = set.name();
            if (headline) {
                Map<Integer, Double> raw = RawThroughput.measure(task, folder, List.of(1, 8, 32), jmhIterations, 1);
                r.put("raw_b1_img_per_s", round(raw.get(1))).put("raw_b8_img_per_s", round(raw.get(8)))
                        .put("raw_b32_img_per_s", round(raw.get(32)));
            }
            PipelineBench.Warmup warmup = PipelineBench.Warmup.untilJitSettles(warmupEvents);
            double rawAll = RawThroughput.measure(task, folder, List.of(8), jmhIterations, workers).get(8);
            PipelineBench.Result pipeline = PipelineBench.run(kafka, models, visionTask, warmup, events, bytes, latencyEvents,
                    Files.createDirectories(work.resolve("state-" + n)));
            double naive = NaiveBench.run(kafka, models.get(visionTask), visionTask, warmup, events, bytes, workers);
            r.put("raw_" + n + "_b8_all_workers_img_per_s", round(rawAll))
                    .put("pipeline_" + n + "_img_per_s", round(pipeline.imagesPerSecond()))
                    .put("naive_" + n + "_all_cores_img_per_s", round(naive))
                    .put("pipeline_" + n + "_over_raw_all_workers", round(pipeline.imagesPerSecond() / rawAll))
                    .put("pipeline_" + n + "_over_naive", round(pipeline.imagesPerSecond() / naive))
                    .put("p50_latency_" + n + "_ms", round(pipeline.p50LatencyMs()))
                    .put("p99_latency_" + n + "_ms", round(pipeline.p99LatencyMs()))
                    .put("pipeline_" + n + "_mean_batch_size", round(pipeline.meanBatchSize()))
                    .put("pipeline_" + n + "_warmup_s", round(pipeline.warmupSeconds()));
            pipeline.coreMsPerFrame().forEach((group, ms) -> r.put("pipeline_" + n + "_core_ms_" + group, round(ms)));
            if (headline) {
                r.put("headline_frames", n).put("pipeline_over_naive", round(pipeline.imagesPerSecond() / naive))
                        .put("pipeline_over_raw_all_workers", round(pipeline.imagesPerSecond() / rawAll));
            }
        }

        private void soak(ObjectNode r, EmbeddedKafka kafka, LoadedModels models, VisionTask visionTask, Path work)
                throws Exception {
            CameraFrames.FrameSet set = CameraFrames.FrameSet.parse(frames.get(0));
            List<byte[]> bytes = RawThroughput.images(CameraFrames.folder(images.folder(), set, work));
            PipelineBench.Soak s = PipelineBench.soak(kafka, models, visionTask, Duration.ofSeconds(durationSeconds), 200,
                    bytes, Files.createDirectories(work.resolve("state-soak")));
            r.put("soak_frames", set.name()).put("soak_seconds", round(s.seconds())).put("soak_results", s.results())
                    .put("soak_img_per_s", round(s.imagesPerSecond()))
                    .put("heap_mb_start", round(s.start().heapMb())).put("heap_mb_1min", round(s.afterOneMinute().heapMb()))
                    .put("heap_mb_end", round(s.end().heapMb()))
                    .put("rss_mb_start", round(s.start().rssMb())).put("rss_mb_1min", round(s.afterOneMinute().rssMb()))
                    .put("rss_mb_end", round(s.end().rssMb()))
                    .put("rss_end_over_1min", round(s.end().rssMb() / s.afterOneMinute().rssMb()))
                    .put("heap_committed_mb_1min", round(s.afterOneMinute().heapCommittedMb()))
                    .put("heap_committed_mb_end", round(s.end().heapCommittedMb()))
                    .put("non_heap_rss_end_over_1min", round(s.end().nonHeapRssMb() / s.afterOneMinute().nonHeapRssMb()));
            var rss = r.putArray("rss_mb_every_minute");
            var nonHeap = r.putArray("non_heap_rss_mb_every_minute");
            s.everyMinute().forEach(m -> {
                rss.add(round(m.rssMb()));
                nonHeap.add(round(m.nonHeapRssMb()));
            });
        }
    }

    @Command(name = "chaos", description = "Feed events while SIGKILLing the instance (own JVM) and restarting it; "
            + "then count missing and duplicate results per event and task.")
    static final class Chaos implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "120", description = "Events (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--restarts", defaultValue = "2", description = "SIGKILL + restart cycles (default: ${DEFAULT-VALUE}).")
        int restarts;

        @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
        String guarantee;

        @Option(names = "--tasks", split = ",", defaultValue = "classification", description = "Tasks (default: ${DEFAULT-VALUE}).")
        List<String> tasks;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = {"--stream-threads", "--threads"}, defaultValue = "2", description = "Kafka Streams threads per instance (default: ${DEFAULT-VALUE}).")
        int streamThreads;

        @Option(names = "--instances", defaultValue = "1", description = "Instances running at once, each in its own JVM; "
                + "kills go round them (default: ${DEFAULT-VALUE}).")
        int instances;

        @Option(names = "--zombie", description = "Between two kills, SIGSTOP one instance (of two or more) for twice its session "
                + "time-out, then SIGCONT it: a zombie whose work must be fenced.")
        boolean zombie;

        @Option(names = "--produce-while-running", description = "Produce the events (about 20 a second) while the "
                + "instances run, rather than all before they start.")
        boolean produceWhileRunning;

        @Mixin
        ImagesOption images;

        @Option(names = "--json", description = "Print one JSON object as the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path folder = images.folder();
            Set<VisionTask> taskSet = tasks.stream().map(VisionTask::fromConfigName).collect(java.util.stream.Collectors.toSet());
            Path work = Files.createTempDirectory("vision-chaos-");
            ChaosRun.Report report = ChaosRun.run(new ChaosRun.Options(events, instances, restarts, true, guarantee,
                    taskSet, partitions, streamThreads, RawThroughput.images(folder), Duration.ofMinutes(20),
                    produceWhileRunning, zombie), work);
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode r = Machine.describe(JSON.createObjectNode());
            r.put("guarantee", guarantee).put("events", events).put("restarts", report.kills());
            ObjectNode results = r.putObject("results");
            new TreeMap<>(report.results()).forEach(results::put);
            r.put("missing", report.missing()).put("duplicates", report.duplicates())
                    .put("dead_letters", report.deadLetters()).put("resubmitted_after_restart", report.resubmitted())
                    .put("partitions", partitions).put("stream_threads", streamThreads).put("fencings_or_migrations", report.fencings())
                    .put("seconds", round(report.seconds()));
            r.put("instances", instances).put("produce_while_running", produceWhileRunning)
                    .put("zombie_fencing_lines", report.zombieFencings());
            ArrayNode faults = r.putArray("faults"); // each kill (and the zombie's stop and wake) at its share of outcomes
            report.faults().forEach(f -> faults.addObject().put("kind", f.kind()).put("instance", f.instance())
                    .put("progress", f.progress()).put("outcomes", f.outcomes()).put("seconds", f.seconds()));
            ObjectNode perTask = r.putObject("tasks"); // tags included: one Tags record per event
            report.missingByTask().forEach((t, missing) -> perTask.putObject(t).put("events", events)
                    .put("results", report.results().getOrDefault(t, 0)).put("missing", missing)
                    .put("duplicates", report.duplicatesByTask().get(t)));
            out.printf("chaos %s: %d events on %d partitions, %d SIGKILL restarts, results %s, missing %s, duplicates %s, "
                            + "dead letters %d (%d pending frames re-submitted after restarts, %d fencing/migration log lines; "
                            + "logs in %s)%n", guarantee, events, partitions, report.kills(), report.results(),
                    report.missingByTask(), report.duplicatesByTask(), report.deadLetters(), report.resubmitted(),
                    report.fencings(), work);
            if (json) {
                out.println(JSON.writeValueAsString(r));
            }
            out.flush();
            boolean ok = report.missing() == 0 && (!guarantee.startsWith("exactly_once") || report.duplicates() == 0);
            return ok ? 0 : io.visionstreams.app.ExitCodes.INCOMPLETE;
        }
    }

    @Command(name = "model", description = "Per model, core-milliseconds per frame for each stage (decode, resize + "
            + "normalize, inference at each batch size with all workers, post-processing, Avro encoding), fp32 vs int8, "
            + "MKLDNN on vs off, and INT8's agreement with the reference outputs.")
    static final class Model implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "2", description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--batches", split = ",", defaultValue = "1,8,32", description = "Batch sizes, classification and detection (default: ${DEFAULT-VALUE}).")
        List<Integer> batches;

        @Option(names = "--seg-batches", split = ",", defaultValue = "8", description = "Batch sizes, segmentation (default: ${DEFAULT-VALUE}).")
        List<Integer> segBatches;

        @Option(names = "--tasks", split = ",", defaultValue = "classification,segmentation,detection", description = "Models to measure (default: ${DEFAULT-VALUE}).")
        List<String> tasks;

        @Mixin
        ImagesOption images;

        @Option(names = "--json", description = "Print one JSON object as the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> figures = io.visionstreams.bench.ModelBench.run(new io.visionstreams.bench.ModelBench.Options(
                    Duration.ofMillis(Math.round(seconds * 1000)), batches, segBatches,
                    tasks.stream().map(VisionTask::fromConfigName).toList()), images.folder(), out);
            if (json) {
                ObjectNode r = Machine.describe(JSON.createObjectNode());
                figures.forEach((k, v) -> r.set(k, JSON.valueToTree(v instanceof Double d ? Math.round(d * 1000) / 1000.0 : v)));
                out.println(JSON.writeValueAsString(r));
            }
            out.flush();
            return 0;
        }
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
