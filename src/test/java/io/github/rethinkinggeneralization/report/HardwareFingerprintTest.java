package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareFingerprintTest {
    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
            physical id\t: 0
            core id\t\t: 0
            flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma avx512f avx512_vnni aes

            processor\t: 1
            model name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
            physical id\t: 0
            core id\t\t: 1
            flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma avx512f avx512_vnni aes
            """;

    @Test
    void fingerprintReadsCpuMemoryAndCgroupLimitsFromProc(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cpuinfo"), CPUINFO);
        Files.writeString(dir.resolve("meminfo"), "MemTotal:       16384000 kB\nMemFree: 1 kB\n");
        Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(dir.resolve("cgroup/cpu.max"), "200000 100000\n");

        HardwareFingerprint f = HardwareFingerprint.capture(dir.resolve("cpuinfo"), dir.resolve("meminfo"), dir.resolve("cgroup"), false);

        assertThat(f.cpuModel()).isEqualTo("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
        assertThat(f.cpuFlags()).contains("avx512f", "aes");
        assertThat(f.simdFlags()).containsExactly("sse", "sse2", "ssse3", "sse4_1", "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni");
        assertThat(f.physicalCores()).isEqualTo(2);
        assertThat(f.memoryTotalBytes()).isEqualTo(16384000L * 1024);
        assertThat(f.cgroupCpuMax()).isEqualTo("200000 100000");
        assertThat(f.cgroupMemoryMax()).isNull();
        assertThat(f.logicalCores()).isPositive();
        assertThat(f.jvm()).contains(System.getProperty("java.runtime.version"));
    }

    @Test
    void fingerprintNamesTheNd4jBackendBlasPlatformAndThreads() {
        HardwareFingerprint f = HardwareFingerprint.capture();

        assertThat(f.nd4jBackend()).endsWith("CpuBackend");
        assertThat(f.blasVendor()).isNotBlank().isNotEqualTo("unknown");
        assertThat(f.javacppPlatform()).isEqualTo(org.bytedeco.javacpp.Loader.getPlatform());
        assertThat(f.ompThreads()).isPositive();
        assertThat(f.toProperties()).containsKeys("fingerprint.id", "cpu.model", "cpu.flags", "cpu.logicalCores", "memory.total",
                "nd4j.backend", "nd4j.blas", "javacpp.platform", "nd4j.ompThreads", "jvm");
        assertThat(f.id()).hasSize(12).isEqualTo(HardwareFingerprint.capture().id());
    }

    @Test
    void fingerprintSurvivesAJsonRoundTrip() {
        HardwareFingerprint f = ReportSamples.fingerprint();

        HardwareFingerprint back = Json.read(Json.write(f), HardwareFingerprint.class);

        assertThat(back).isEqualTo(f);
        assertThat(back.id()).isEqualTo(f.id());
    }

    @Test
    void environmentPropertiesReadBackWithJavaProperties(@TempDir Path results) throws IOException {
        Summary s = ReportSamples.summarize(ReportSamples.theory("C6", "fit = exact: yes", io.github.rethinkinggeneralization.claims.Verdict.REPRODUCED,
                java.util.Map.of()));

        new AllureExtras(results).writeEnvironment(s);

        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(results.resolve("environment.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            p.load(r);
        }
        assertThat(p.getProperty("cpu.model")).isEqualTo("Test CPU");
        assertThat(p.getProperty("nd4j.blas")).isEqualTo("OPENBLAS");
        assertThat(p.getProperty("fingerprint.id")).isEqualTo(s.fingerprintId());
        assertThat(p.getProperty("summary.status")).isEqualTo("COMPLETE");
    }
}
