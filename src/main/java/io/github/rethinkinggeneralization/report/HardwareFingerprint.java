package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import io.github.rethinkinggeneralization.model.CpuInfo;
import io.github.rethinkinggeneralization.model.OneDnnLayerHelpers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a run measured on, as far as it can change the numbers: CPU model and flags, cores,
 * memory (and container limits), the ND4J backend with its BLAS, the JavaCPP platform, OpenMP
 * threads, the GPUs a CUDA backend sees, the JVM and the OS. {@link #id()} hashes the hardware
 * part, so two runs with the same id ran on the same kind of machine. Fields that cannot be read
 * are {@code "unknown"} (or null); {@code devices} is empty on the CPU backend.
 */
public record HardwareFingerprint(String capturedAt, String cpuModel, List<String> cpuFlags, int logicalCores,
                                  Integer physicalCores, Long memoryTotalBytes, String cgroupCpuMax,
                                  String cgroupMemoryMax, long jvmMaxHeapBytes, Long javacppMaxPhysicalBytes,
                                  String nd4jBackend, String blasVendor, Integer ompThreads, Integer blasThreads,
                                  String javacppPlatform, String jvm, String os, List<String> devices) {

    /** The CPU flags that decide which SIMD kernels ND4J and OpenBLAS can use. */
    private static final Pattern SIMD_FLAG = Pattern.compile("sse.*|ssse3|avx.*|fma|f16c|amx.*|neon|asimd.*|sve.*");
    private static final String UNKNOWN = "unknown";

    public HardwareFingerprint {
        cpuFlags = cpuFlags == null ? List.of() : List.copyOf(cpuFlags);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** Reads the fingerprint of this JVM's machine, including ND4J (loaded if it is not yet). */
    public static HardwareFingerprint capture() {
        return capture(Path.of("/proc/cpuinfo"), Path.of("/proc/meminfo"), Path.of("/sys/fs/cgroup"), true);
    }

    /**
     * Reads the fingerprint from the given /proc and cgroup files (absent files leave their fields
     * unknown); {@code withNd4j} false skips loading ND4J's native backend.
     */
    public static HardwareFingerprint capture(Path cpuinfo, Path meminfo, Path cgroupDir, boolean withNd4j) {
        CpuInfo cpu = CpuInfo.read(cpuinfo);
        Long memory = parseMemTotal(readOrEmpty(meminfo));
        if (memory == null) {
            memory = osTotalMemory();
        }
        Nd4jInfo nd4j = withNd4j ? Nd4jInfo.capture() : Nd4jInfo.NOT_LOADED;
        return new HardwareFingerprint(Instant.now().toString(),
                cpu.model().orElse(System.getProperty("os.arch", UNKNOWN)), cpu.flags(),
                Runtime.getRuntime().availableProcessors(), cpu.physicalCores().orElse(null), memory,
                firstLine(cgroupDir.resolve("cpu.max")), firstLine(cgroupDir.resolve("memory.max")),
                Runtime.getRuntime().maxMemory(), nd4j.maxPhysicalBytes(), nd4j.backend(), nd4j.blasVendor(),
                nd4j.ompThreads(), nd4j.blasThreads(), nd4j.platform(),
                System.getProperty("java.vm.name", "") + " " + System.getProperty("java.runtime.version", "")
                        + " (" + System.getProperty("java.vendor", "") + ")",
                System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""), nd4j.devices());
    }

    /** The SIMD-relevant subset of the CPU flags. */
    public List<String> simdFlags() {
        return cpuFlags.stream().filter(f -> SIMD_FLAG.matcher(f).matches()).toList();
    }

    /**
     * A short stable hash of the hardware and numeric stack (CPU model, SIMD flags, cores, memory
     * rounded to GiB, backend, BLAS, platform, OpenMP threads, and the GPUs if any): equal ids mean
     * comparable machines. CPU-only fingerprints hash as they did before GPUs were recorded.
     */
    public String id() {
        String key = String.join("|", cpuModel, String.join(",", simdFlags()), String.valueOf(logicalCores),
                String.valueOf(memoryTotalBytes == null ? null : Math.round(memoryTotalBytes / (double) (1L << 30))),
                nd4jBackend, blasVendor, javacppPlatform, String.valueOf(ompThreads))
                + (devices.isEmpty() ? "" : "|" + String.join(",", devices));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line for people: "Intel Xeon, 2 cores, 23.5 GiB, CpuBackend/OPENBLAS, linux-x86_64, OMP 2, Java 17";
     * on a GPU "…, JCublasBackend/CUBLAS on NVIDIA H100 (79.1 GiB, compute 9.0), …".
     */
    public String describe() {
        return cpuModel + ", " + logicalCores + " cores" + (memoryTotalBytes == null ? "" : ", " + gib(memoryTotalBytes))
                + ", " + shortName(nd4jBackend) + "/" + blasVendor + (devices.isEmpty() ? "" : " on " + String.join(" + ", devices))
                + ", " + javacppPlatform
                + (ompThreads == null ? "" : ", OMP " + ompThreads) + ", " + jvm;
    }

    /** The fingerprint as ordered key/value pairs for Allure's environment.properties. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fingerprint.id", id());
        p.put("cpu.model", cpuModel);
        p.put("cpu.logicalCores", String.valueOf(logicalCores));
        p.put("cpu.physicalCores", physicalCores == null ? UNKNOWN : String.valueOf(physicalCores));
        p.put("cpu.simdFlags", String.join(" ", simdFlags()));
        p.put("cpu.flags", cpuFlags.isEmpty() ? UNKNOWN : String.join(" ", cpuFlags));
        p.put("memory.total", memoryTotalBytes == null ? UNKNOWN : gib(memoryTotalBytes));
        p.put("cgroup.cpu.max", cgroupCpuMax == null ? "none" : cgroupCpuMax);
        p.put("cgroup.memory.max", cgroupMemoryMax == null ? "none" : cgroupMemoryMax);
        p.put("jvm.maxHeap", gib(jvmMaxHeapBytes));
        p.put("javacpp.maxPhysicalBytes", javacppMaxPhysicalBytes == null ? UNKNOWN
                : javacppMaxPhysicalBytes > 0 ? gib(javacppMaxPhysicalBytes) : "off (no check of the resident memory)");
        p.put("nd4j.backend", nd4jBackend);
        p.put("nd4j.blas", blasVendor);
        p.put("nd4j.ompThreads", ompThreads == null ? UNKNOWN : String.valueOf(ompThreads));
        p.put("nd4j.blasThreads", blasThreads == null ? UNKNOWN : String.valueOf(blasThreads));
        if (!devices.isEmpty()) {
            p.put("nd4j.devices", String.join("; ", devices));
        }
        p.put("javacpp.platform", javacppPlatform);
        p.put("jvm", jvm);
        p.put("os", os);
        p.put("fingerprint.capturedAt", capturedAt);
        return p;
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String firstLine(Path file) {
        String text = readOrEmpty(file).strip();
        return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
    }

    /** MemTotal of /proc/meminfo in bytes, or null. */
    static Long parseMemTotal(String meminfo) {
        Matcher m = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s*kB").matcher(meminfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : null;
    }

    private static Long osTotalMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The ND4J side: backend class, BLAS vendor (with OpenBLAS's kernel set in parentheses, +oneDNN with the layer helpers), threads, JavaCPP platform, memory bound and GPUs. */
    record Nd4jInfo(String backend, String blasVendor, Integer ompThreads, Integer blasThreads, String platform,
                    Long maxPhysicalBytes, List<String> devices) {
        /** Appended to the BLAS vendor when DL4J's oneDNN layer helpers run the conv, pooling and BN layers. */
        static final String ONE_DNN = "+oneDNN";
        static final Nd4jInfo NOT_LOADED = new Nd4jInfo("not loaded", "not loaded", null, null, platformOrUnknown(), null, List.of());

        static Nd4jInfo capture() {
            try {
                var backend = org.nd4j.linalg.factory.Nd4j.getBackend();
                var info = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation();
                String blas = String.valueOf(org.nd4j.linalg.factory.Nd4j.factory().blas().getBlasVendor());
                String core = CpuBackendSettings.openBlasCore().map(c -> "(" + c + ")").orElse("");
                return new Nd4jInfo(backend.getClass().getName(),
                        blas + core + (OneDnnLayerHelpers.active() ? ONE_DNN : ""),
                        intOrNull(info.get("omp.threads")), intOrNull(info.get("blas.threads")), platformOrUnknown(),
                        org.bytedeco.javacpp.Pointer.maxPhysicalBytes(), devices(info));
            } catch (RuntimeException | LinkageError e) {
                return new Nd4jInfo("unavailable: " + e, UNKNOWN, null, null, platformOrUnknown(), null, List.of());
            }
        }

        /**
         * The GPUs in ND4J's environment information, "NVIDIA H100 (79.1 GiB, compute 9.0)" each: the CUDA
         * backend lists them under {@code cuda.devicesInformation} (keys as in ND4J's
         * {@code Nd4jEnvironment}); the CPU backend has none. Read as plain maps, so no CUDA class is needed.
         */
        static List<String> devices(Map<?, ?> info) {
            if (!(info.get("cuda.devicesInformation") instanceof List<?> list)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> d) {
                    Object name = d.get("cuda.deviceName");
                    Object total = d.get("cuda.totalMemory");
                    Object major = d.get("cuda.deviceMajor");
                    Object minor = d.get("cuda.deviceMinor");
                    List<String> details = new ArrayList<>();
                    if (total instanceof Number n) {
                        details.add(gib(n.longValue()));
                    }
                    if (major != null && minor != null) {
                        details.add("compute " + major + "." + minor);
                    }
                    out.add((name == null ? "CUDA device" : String.valueOf(name).strip())
                            + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")"));
                }
            }
            return out;
        }

        private static String platformOrUnknown() {
            try {
                return org.bytedeco.javacpp.Loader.getPlatform();
            } catch (RuntimeException | LinkageError e) {
                return UNKNOWN;
            }
        }

        private static Integer intOrNull(Object value) {
            try {
                return value == null ? null : Integer.valueOf(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
