package io.github.rethinkinggeneralization.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        assertThat(f.devices()).isEmpty();
    }

    @Test
    void fingerprintSaysWhetherTheOneDnnLayerHelpersRun() {
        String key = io.github.rethinkinggeneralization.model.OneDnnLayerHelpers.DISABLE_PROPERTY;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            HardwareFingerprint on = HardwareFingerprint.capture();
            System.setProperty(key, "true");
            HardwareFingerprint off = HardwareFingerprint.capture();

            assertThat(on.blasVendor()).endsWith("+oneDNN");
            assertThat(off.blasVendor()).doesNotContain("oneDNN");
            assertThat(on.id()).isNotEqualTo(off.id());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void cudaEnvironmentInformationNamesEachGpuWithoutCudaClasses() {
        Properties cuda = new Properties();
        cuda.put("backend", "CUDA");
        cuda.put("cuda.availableDevices", 2);
        cuda.put("cuda.devicesInformation", List.of(
                Map.of("cuda.deviceName", "NVIDIA H100 80GB HBM3", "cuda.totalMemory", 85_029_158_912L, "cuda.freeMemory", 1L,
                        "cuda.deviceMajor", 9L, "cuda.deviceMinor", 0L),
                Map.of("cuda.deviceName", "Tesla V100-SXM2-16GB")));
        Properties cpu = new Properties();
        cpu.put("backend", "CPU");
        cpu.put("omp.threads", 2);

        assertThat(HardwareFingerprint.Nd4jInfo.devices(cuda))
                .containsExactly("NVIDIA H100 80GB HBM3 (79.2 GiB, compute 9.0)", "Tesla V100-SXM2-16GB");
        assertThat(HardwareFingerprint.Nd4jInfo.devices(cpu)).isEmpty();
    }

    @Test
    void gpuFingerprintNamesItsDeviceWhileCpuFingerprintsKeepTheirStoredIds() {
        Summary baseline = BaselineComparison.readBaseline(Path.of("fixtures", "baseline-ci.json"));
        HardwareFingerprint cpu = ReportSamples.fingerprint();
        HardwareFingerprint gpu = new HardwareFingerprint(cpu.capturedAt(), cpu.cpuModel(), cpu.cpuFlags(), cpu.logicalCores(),
                cpu.physicalCores(), cpu.memoryTotalBytes(), null, null, cpu.jvmMaxHeapBytes(), cpu.javacppMaxPhysicalBytes(),
                "org.nd4j.linalg.jcublas.JCublasBackend", "CUBLAS", null, null, "linux-x86_64", cpu.jvm(), cpu.os(),
                List.of("NVIDIA H100 80GB HBM3 (79.2 GiB, compute 9.0)"));

        assertThat(baseline.fingerprint().devices()).isEmpty();
        assertThat(baseline.fingerprint().id()).isEqualTo(baseline.fingerprintId());
        assertThat(gpu.describe()).contains("JCublasBackend/CUBLAS on NVIDIA H100 80GB HBM3 (79.2 GiB, compute 9.0)");
        assertThat(gpu.toProperties()).containsEntry("nd4j.devices", "NVIDIA H100 80GB HBM3 (79.2 GiB, compute 9.0)");
        assertThat(cpu.toProperties()).doesNotContainKey("nd4j.devices");
        assertThat(Json.read(Json.write(gpu), HardwareFingerprint.class)).isEqualTo(gpu);
    }

    @Test
    void aResidentMemoryBoundOfZeroReadsAsNoCheck() {
        HardwareFingerprint cpu = ReportSamples.fingerprint();
        HardwareFingerprint unbounded = new HardwareFingerprint(cpu.capturedAt(), cpu.cpuModel(), cpu.cpuFlags(), cpu.logicalCores(),
                cpu.physicalCores(), cpu.memoryTotalBytes(), null, null, cpu.jvmMaxHeapBytes(), 0L, cpu.nd4jBackend(),
                cpu.blasVendor(), cpu.ompThreads(), cpu.blasThreads(), cpu.javacppPlatform(), cpu.jvm(), cpu.os(), List.of());

        assertThat(unbounded.toProperties()).containsEntry("javacpp.maxPhysicalBytes", "off (no check of the resident memory)");
        assertThat(unbounded.id()).isEqualTo(cpu.id());
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
