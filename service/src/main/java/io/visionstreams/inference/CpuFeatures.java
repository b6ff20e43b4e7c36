package io.visionstreams.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU's instruction-set flags that make INT8 inference pay: AVX-512 VNNI, AVX-VNNI and AMX. Read
 * from the kernel's {@code /proc/cpuinfo} flags on Linux (no reachable library reports them to Java);
 * elsewhere the set is empty, so callers fall back to float.
 */
public final class CpuFeatures {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final String AVX512_VNNI = "avx512_vnni";
    private static final String AVX_VNNI = "avx_vnni";
    /** The AMX flags that matter for INT8: the tile state and the INT8 tile multiply. */
    private static final List<String> AMX = List.of("amx_int8", "amx_tile");
    /** Every flag counted as INT8 acceleration, in the order {@link #int8Features()} reports them. */
    private static final List<String> INT8_FLAGS =
            Stream.concat(Stream.of(AVX512_VNNI, AVX_VNNI), AMX.stream()).toList();

    private static final CpuFeatures NONE = new CpuFeatures(Set.of());

    private final Set<String> flags;

    private CpuFeatures(Set<String> flags) {
        this.flags = flags;
    }

    /** This machine's flags, read once: they do not change while the JVM runs. */
    private static final class Local {
        static final CpuFeatures CPU = detect();
    }

    /** {@link #detect()}, read once per JVM. */
    static CpuFeatures local() {
        return Local.CPU;
    }

    /** This machine's flags; empty where {@code /proc/cpuinfo} is absent or unreadable. */
    public static CpuFeatures detect() {
        if (!Files.isReadable(CPUINFO)) {
            return NONE;
        }
        try (Stream<String> lines = Files.lines(CPUINFO)) {
            return lines.filter(CpuFeatures::isFlagsLine).findFirst().map(CpuFeatures::fromFlags).orElse(NONE);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /**
     * Flags as the kernel lists them, separated by white space: a bare list, or a {@code /proc/cpuinfo}
     * line ({@code flags : fpu vme ...}) or lscpu's ({@code Flags: fpu vme ...}).
     */
    public static CpuFeatures fromFlags(String flags) {
        String list = isFlagsLine(flags) ? flags.substring(flags.indexOf(':') + 1) : flags;
        return new CpuFeatures(Arrays.stream(list.trim().split("\\s+"))
                .filter(f -> !f.isEmpty())
                .map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean avx512Vnni() {
        return flags.contains(AVX512_VNNI);
    }

    public boolean avxVnni() {
        return flags.contains(AVX_VNNI);
    }

    /** AMX with INT8 tiles ({@code amx_int8} or {@code amx_tile}). */
    public boolean amx() {
        return AMX.stream().anyMatch(flags::contains);
    }

    /** Whether the CPU has any instruction that multiplies INT8 faster than float: VNNI or AMX. */
    public boolean hasInt8Acceleration() {
        return !int8Features().isEmpty();
    }

    /** The INT8 flags this CPU has, by their kernel names (e.g. {@code avx512_vnni}). */
    public List<String> int8Features() {
        return INT8_FLAGS.stream().filter(flags::contains).toList();
    }

    @Override
    public String toString() {
        return hasInt8Acceleration() ? String.join(" ", int8Features()) : "no VNNI or AMX";
    }

    private static boolean isFlagsLine(String line) {
        String lower = line.stripLeading().toLowerCase(Locale.ROOT);
        return lower.startsWith("flags") && lower.indexOf(':') > 0 && lower.substring(5, lower.indexOf(':')).isBlank();
    }
}
