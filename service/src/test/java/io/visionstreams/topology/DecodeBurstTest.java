package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 16, finding 3: {@link DecodeBurst} in a JVM of its own with {@code -Xmx1g} and a 640 MiB
 * budget: 32 solid 7000x7000 PNGs on 16 decode threads all get their answer, the budget's peak stays
 * inside it (each frame's decode reserves its copies before allocating, so they decode one after
 * another), and no OutOfMemoryError. Heap and resident peaks are printed for the report. Opt-in
 * ({@code -Dvision.memory.burst=true}): it decodes 1.5 gigapixels.
 */
@EnabledIfSystemProperty(named = "vision.memory.burst", matches = "true")
class DecodeBurstTest {

    private static final long BUDGET = 640L << 20;

    @Test
    void aBurstOfHugePngsOnSixteenDecodeThreadsStaysInsideTheBudgetAndLosesNothing() throws Exception {
        Process child = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), DecodeBurst.class.getName(),
                String.valueOf(BUDGET))).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(out.lines().filter(l -> l.startsWith("answered=") || l.startsWith("OOM")).toList());
        assertThat(child.exitValue()).as("exit code (3: OutOfMemoryError)\n" + tail(out)).isZero();
        Map<String, Long> m = new HashMap<>();
        String line = out.lines().filter(l -> l.startsWith("answered=")).findFirst().orElseThrow();
        for (String kv : line.split(" ")) {
            m.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
        }
        assertThat(m.get("answered")).as("results and dead letters").isEqualTo(32);
        assertThat(m.get("deadLetters")).isZero();
        assertThat(m.get("peakHeld")).as("budget peak").isLessThanOrEqualTo(BUDGET);
    }

    private static String tail(String out) {
        return out.length() > 3000 ? out.substring(out.length() - 3000) : out;
    }
}
