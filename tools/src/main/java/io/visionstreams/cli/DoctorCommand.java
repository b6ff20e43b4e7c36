package io.visionstreams.cli;

import ai.djl.Device;
import ai.onnxruntime.OrtEnvironment;
import io.visionstreams.config.ConfigLoader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.CpuFeatures;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.ModelLoader;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.engine.Engines;
import io.visionstreams.inference.engine.GpuProbe;
import io.visionstreams.inference.engine.InferenceEngine;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One screen about where the models can run: the CPU and its INT8 features, the engines and their
 * versions, ONNX Runtime's execution providers, the GPU and the CUDA / cuDNN libraries found; then
 * every enabled model once (fp32) on each usable engine and device, its result compared with the default
 * engine's on the CPU. Exit 0 when every run agrees, 1 otherwise.
 */
@Command(name = "doctor", description = "Print the CPU's INT8 features, the engines, ONNX Runtime's providers, GPUs and "
        + "CUDA/cuDNN libraries, then run each enabled model once per usable engine and device against the CPU's result.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (VISION_* environment overrides apply).")
    Path configFile;

    @Option(names = "--image", paramLabel = "FILE", description = "Image the models run on (default: the first sample image).")
    Path image;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CpuFeatures cpu = CpuFeatures.detect();
        out.printf("cpu        %s, %d core(s); INT8: %s%n", cpuModel(), Runtime.getRuntime().availableProcessors(),
                cpu.int8Features().isEmpty() ? "no VNNI/AMX (fp32 is as fast)" : String.join(", ", cpu.int8Features()));
        for (InferenceEngine engine : Engines.all()) {
            out.printf("engine     %-12s %s %s, format %s%s%n", engine.configName(), engine.djlName(), engine.version(),
                    engine.format().id(), engine == Engines.DEFAULT ? " (default)" : "");
        }
        out.printf("providers  onnxruntime: %s%n", OrtEnvironment.getAvailableProviders());
        GpuProbe gpu = GpuProbe.detect();
        out.printf("gpu        %s%n", gpu.missing().isEmpty() ? "usable: " + gpu.found()
                : "not usable: " + String.join("; ", gpu.missing()));
        gpu.found().forEach((what, where) -> out.printf("  found    %s: %s%n", what, where));

        VisionConfig config = ConfigLoader.load(configFile, System.getenv(), Map.of());
        RgbImage frame = new ImageDecoder().decode(Files.readAllBytes(image != null ? image : sampleImage()));
        boolean agree = true;
        for (VisionTask task : config.tasks()) {
            Object baseline = null;
            for (Run run : runs(gpu)) {
                // fp32 everywhere: the same graph on every engine and device (precision auto would give MXNet INT8)
                VisionConfig c = ConfigLoader.load(configFile, System.getenv(), Map.of("vision.engine",
                        run.engine().configName(), "vision.device", run.device(), "vision.model.precision", "fp32"));
                String where = String.format("%-15s %-12s %-5s", task.configName(), run.engine().configName(), run.device());
                try (VisionModel<?> model = new ModelLoader(c).load(task, Engines.named(c.engine()).select(c.device()));
                     Inferer<?> inferer = model.newInferer()) {
                    long start = System.nanoTime();
                    Object result = inferer.infer(List.of(frame)).get(0);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    String verdict;
                    if (baseline == null) {
                        baseline = result;
                        verdict = "baseline";
                    } else {
                        ResultAgreement a = ResultAgreement.of(baseline, result);
                        agree &= a.agrees();
                        verdict = (a.agrees() ? "agrees: " : "DIFFERS: ") + a.detail();
                    }
                    out.printf("run        %s %s on %s, %d ms: %s; %s%n", where, model.info().name(), model.info().device(),
                            ms, ResultAgreement.summary(result), verdict);
                } catch (Exception e) {
                    agree = false;
                    out.printf("run        %s FAILED: %s%n", where, e.getMessage());
                }
            }
        }
        return agree ? 0 : 1;
    }

    private record Run(InferenceEngine engine, String device) {}

    /** The default engine on the CPU first (the baseline), then every other engine on the CPU, then the GPU where usable. */
    private static List<Run> runs(GpuProbe gpu) {
        List<Run> runs = new ArrayList<>();
        runs.add(new Run(Engines.DEFAULT, "cpu"));
        Engines.all().stream().filter(e -> e != Engines.DEFAULT).forEach(e -> runs.add(new Run(e, "cpu")));
        if (gpu.missing().isEmpty()) {
            runs.add(new Run(Engines.named("onnxruntime"), "gpu"));
        }
        return runs;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static Path sampleImage() {
        String datasets = System.getProperty("vision.datasets.dir", System.getenv().getOrDefault("VISION_DATASETS_DIR",
                "../shared/datasets"));
        return Path.of(datasets, "images", "grace_hopper.bmp");
    }
}
