package io.visionstreams.inference.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the CUDA path needs, looked up without loading anything: the NVIDIA driver, a GPU device,
 * CUDA 12's runtime and cuDNN 9 where the dynamic loader finds them, and ONNX Runtime's CUDA provider
 * in this build. Each missing piece becomes part of one line (hand-written: no reachable library
 * reports CUDA's prerequisites in Java).
 */
public record GpuProbe(Map<String, String> found, List<String> missing) {

    /** The sonames ONNX Runtime 1.23's CUDA provider loads (CUDA 12, cuDNN 9). */
    public static final String CUDART = "libcudart.so.12";
    public static final String CUDNN = "libcudnn.so.9";
    public static final String DRIVER = "libcuda.so.1";

    public static GpuProbe detect() {
        return detect(System.getenv("LD_LIBRARY_PATH"), Path.of("/dev"), ldconfigCache());
    }

    static GpuProbe detect(String ldLibraryPath, Path devDir, List<String> ldconfig) {
        Map<String, String> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Optional<Path> driver = find(DRIVER, ldLibraryPath, ldconfig);
        if (driver.isPresent()) {
            found.put("driver", driver.get().toString());
        } else {
            missing.add("no NVIDIA driver (" + DRIVER + " not found)");
        }
        if (Files.exists(devDir.resolve("nvidia0"))) {
            found.put("device", devDir.resolve("nvidia0").toString());
        } else {
            missing.add("no GPU device (" + devDir.resolve("nvidia0") + " absent)");
        }
        for (String lib : List.of(CUDART, CUDNN)) {
            Optional<Path> path = find(lib, ldLibraryPath, ldconfig);
            if (path.isPresent()) {
                found.put(lib, path.get().toString());
            } else {
                missing.add(lib + " not found (LD_LIBRARY_PATH or ldconfig)");
            }
        }
        if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            found.put("provider", "ONNX Runtime CUDA");
        } else {
            missing.add("ONNX Runtime without its CUDA provider (build with -Pgpu: onnxruntime_gpu)");
        }
        return new GpuProbe(found, List.copyOf(missing));
    }

    /** The one start-up line of a GPU that cannot be used. */
    public String failureLine() {
        return "vision.device=gpu but the GPU (CUDA) cannot be used: " + String.join("; ", missing);
    }

    static Optional<Path> find(String soname, String ldLibraryPath, List<String> ldconfig) {
        if (ldLibraryPath != null) {
            for (String dir : ldLibraryPath.split(":")) {
                if (!dir.isBlank() && Files.exists(Path.of(dir, soname))) {
                    return Optional.of(Path.of(dir, soname));
                }
            }
        }
        for (String line : ldconfig) { // "\tlibcudart.so.12 (libc6,x86-64) => /usr/lib/.../libcudart.so.12"
            String t = line.trim();
            int arrow = t.indexOf("=>");
            if (t.startsWith(soname + " ") && arrow > 0) {
                return Optional.of(Path.of(t.substring(arrow + 2).trim()));
            }
        }
        return Optional.empty();
    }

    private static List<String> ldconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (Files.isExecutable(Path.of(ldconfig))) {
                try {
                    Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                    byte[] out = p.getInputStream().readAllBytes();
                    p.waitFor(5, TimeUnit.SECONDS);
                    return new String(out, StandardCharsets.UTF_8).lines().toList();
                } catch (IOException e) {
                    return List.of();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
        return List.of();
    }
}
