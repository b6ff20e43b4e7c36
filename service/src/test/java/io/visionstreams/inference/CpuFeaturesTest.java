package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuFeatures} on real flag lines: this project's Zen 5 build machine, an AVX2-only Zen 3 (AMD EPYC
 * 7763, a GitHub runner's lscpu) and an Intel Sapphire Rapids under KVM (lscpu), as {@code /proc/cpuinfo} lines.
 */
class CpuFeaturesTest {

    @Test
    void zen5HasBothVnniFlavoursAndNoAmx() throws IOException {
        CpuFeatures cpu = CpuFeatures.fromFlags(flagsLine("amd-epyc-zen5-vnni.txt"));

        assertThat(cpu.avx512Vnni()).isTrue();
        assertThat(cpu.avxVnni()).isTrue();
        assertThat(cpu.amx()).isFalse();
        assertThat(cpu.hasInt8Acceleration()).isTrue();
        assertThat(cpu.int8Features()).containsExactly("avx512_vnni", "avx_vnni");
    }

    @Test
    void zen3WithAvx2ButNoVnniHasNoInt8Acceleration() throws IOException {
        CpuFeatures cpu = CpuFeatures.fromFlags(flagsLine("amd-epyc-7763-zen3-avx2.txt"));

        assertThat(cpu.avx512Vnni()).isFalse();
        assertThat(cpu.avxVnni()).isFalse();
        assertThat(cpu.amx()).isFalse();
        assertThat(cpu.hasInt8Acceleration()).isFalse();
        assertThat(cpu.int8Features()).isEmpty();
    }

    @Test
    void sapphireRapidsHasVnniAndAmx() throws IOException {
        CpuFeatures cpu = CpuFeatures.fromFlags(flagsLine("intel-xeon-sapphire-rapids-amx.txt"));

        assertThat(cpu.amx()).isTrue();
        assertThat(cpu.hasInt8Acceleration()).isTrue();
        assertThat(cpu.int8Features()).containsExactly("avx512_vnni", "avx_vnni", "amx_int8", "amx_tile");
    }

    @Test
    void readsABareListOrLscpusLineAndIgnoresFlagsThatOnlyLookAlike() {
        assertThat(CpuFeatures.fromFlags("fpu avx2 avx512_vnni").int8Features()).containsExactly("avx512_vnni");
        assertThat(CpuFeatures.fromFlags("Flags:   fpu amx_tile").amx()).isTrue();
        // avx512_vnniw is not avx512_vnni; amx_bf16 alone does not multiply INT8
        assertThat(CpuFeatures.fromFlags("fpu avx512_vnniw amx_bf16").hasInt8Acceleration()).isFalse();
        assertThat(CpuFeatures.fromFlags("").hasInt8Acceleration()).isFalse();
    }

    @Test
    void detectsTheSameFeaturesAsThisMachinesCpuinfoSays() throws IOException {
        CpuFeatures detected = CpuFeatures.detect();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            assertThat(detected.hasInt8Acceleration()).isFalse();
            return;
        }
        String flags = Files.readAllLines(cpuinfo).stream()
                .filter(l -> l.startsWith("flags")).findFirst().orElse("") + " ";
        assertThat(detected.avx512Vnni()).isEqualTo(flags.contains(" avx512_vnni "));
        assertThat(detected.avxVnni()).isEqualTo(flags.contains(" avx_vnni "));
    }

    private static String flagsLine(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(CpuFeaturesTest.class.getResourceAsStream("/cpuinfo/" + file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("flags")).findFirst().orElseThrow();
        }
    }
}
