package io.visionstreams.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.ingest.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a benchmark ran on, printed with its figures since absolute img/s move 2x between CPUs: the CPU model
 * and its flags that matter to MXNet/oneDNN (AVX2, AVX-512, VNNI), the cores, and the JPEG decoder in use.
 */
public final class Machine {

    private static final List<String> FLAGS = List.of("avx2", "avx512f", "avx512_vnni", "avx_vnni");

    private Machine() {}

    /** Adds {@code cpu}, {@code cpu_flags}, {@code cores} and {@code jpeg_decoder} to {@code json}. */
    public static ObjectNode describe(ObjectNode json) {
        String model = "unknown";
        String flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    List<String> present = List.of(line.substring(line.indexOf(':') + 1).trim().split(" "));
                    flags = String.join(" ", FLAGS.stream().filter(present::contains).toList());
                }
            }
        } catch (IOException e) {
            model = "unknown (" + e.getMessage() + ")";
        }
        return json.put("cpu", model).put("cpu_flags", flags).put("cores", Runtime.getRuntime().availableProcessors())
                .put("jpeg_decoder", new ImageDecoder().jpegDecoder());
    }
}
