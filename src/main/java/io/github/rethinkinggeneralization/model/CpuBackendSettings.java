package io.github.rethinkinggeneralization.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Environment settings that the CPU backend's native libraries read once, when they load, and
 * that decide how fast the networks here train (README, Performance):
 * <ul>
 *   <li>{@value #CORE_TYPE}: the OpenBLAS 0.3.19 that ND4J 1.0.0-M2.1 ships does not know recent
 *       Intel CPUs (e.g. family 6 model 207) and falls back to its generic SSE3 ("Prescott")
 *       kernels: 30-57 GFLOP/s SGEMM on 2 cores of an AVX-512 machine instead of 80-130 with its
 *       AVX2 kernels. The core type is chosen from the CPU's flags ({@link #coreTypeFor}).</li>
 *   <li>{@value #WAIT_POLICY} {@code =PASSIVE}: ND4J's OpenMP threads otherwise spin after every
 *       parallel region and take the cores from OpenBLAS's threads; on 2 cores an MLP 1x512
 *       training step went from 55 to about 25 ms with both settings.</li>
 *   <li>{@value #SPIN_COUNT} {@code =}{@value #ONE_TRAINING_SPIN_COUNT}, only where the process
 *       trains one network at a time ({@code -D}{@value #TRAININGS_PROPERTY}, default 1): a short spin
 *       before an OpenMP thread sleeps, so that the next of the many small parallel regions of a CNN's
 *       step (oneDNN's convolutions and reorders) does not wait for it to be woken. On a 2-core Xeon,
 *       one network alone (medians of alternating benchmark runs, README): small Inception 1,201
 *       against 1,127 images/s (seven runs each), small AlexNet 5,155 against 4,478 and MLP 1x512
 *       20,806 against 14,456 (four each); but
 *       two runs side by side, as the claim suite trains them ({@code claims.parallel=2}, which the
 *       build passes on as {@value #TRAININGS_PROPERTY}), trained 890 and 844 images/s together
 *       against 1,065 and 1,214 with the passive policy alone, so there it is not set. A longer spin
 *       (100,000) took the cores from OpenBLAS: MLP 1x512 12,491 / 11,801 against 15,678 / 15,427.</li>
 *   <li>{@value #THREADS} {@code =}{@link ThreadsPerTraining#get()}, where that is fewer than the
 *       cores (two trainings at once on 2 cores: 1), and {@value #BLAS_THREADS} at all the cores, so
 *       that each training's ND4J ops and oneDNN primitives run on its own thread instead of forking
 *       and joining both cores for every small layer. On a 2-core Xeon, two small-Inception x0.125
 *       trainings side by side: 1,574 / 1,879 / 1,701 images/s together against 1,162 / 1,229 /
 *       1,199 with two threads each (alternating benchmark runs).</li>
 * </ul>
 * It also tunes glibc's malloc ({@link MallocTuning}) so that large native buffers are reused
 * instead of mapped and unmapped in every step.
 * {@link #apply()} sets them in this process's environment (through the C library, before ND4J's
 * native libraries are loaded) unless they are already set, so a user's own value always wins.
 * Run with {@code -D}{@value #SWITCH_PROPERTY}{@code =off} to keep the libraries' defaults (for
 * comparison). Only Linux on x86-64 is touched.
 */
public final class CpuBackendSettings {
    /** OpenBLAS's kernel choice, read by its dynamic-architecture build at load time. */
    public static final String CORE_TYPE = "OPENBLAS_CORETYPE";
    /** OpenMP's idle-thread policy, read by libgomp at load time. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    /** libgomp's count of spins before an idle OpenMP thread sleeps, read at load time. */
    public static final String SPIN_COUNT = "GOMP_SPINCOUNT";
    /** The spin count for a process that trains one network at a time (roughly 0.1-0.2 ms of spinning). */
    static final String ONE_TRAINING_SPIN_COUNT = "20000";
    /** OpenMP's default thread count of a parallel region, read by libgomp (and OpenBLAS) at load time. */
    public static final String THREADS = "OMP_NUM_THREADS";
    /** OpenBLAS's thread count, read at load time before {@value #THREADS}. */
    public static final String BLAS_THREADS = "OPENBLAS_NUM_THREADS";
    /** How many networks this process trains at once (the claim suite: {@code claims.parallel}); default 1. */
    public static final String TRAININGS_PROPERTY = "backend.trainingsAtOnce";
    /** {@code off} keeps the native libraries' own defaults. */
    public static final String SWITCH_PROPERTY = "backend.cpuSettings";

    private static final Logger LOG = LoggerFactory.getLogger(CpuBackendSettings.class);
    private static final Set<String> AVX2 = Set.of("avx2", "fma");
    /** Native libraries that read the settings when they load; once one is mapped, it is too late. */
    private static final List<String> READERS = List.of("libopenblas", "libgomp", "libnd4jcpu");
    private static volatile Map<String, String> applied;

    private CpuBackendSettings() {
    }

    /**
     * Sets the settings this machine should have and the environment lacks, once per process, and
     * returns what it set (empty when nothing was needed, the switch is off, the platform is not
     * Linux x86-64, or ND4J's native libraries were already loaded, which is logged as a warning).
     */
    public static synchronized Map<String, String> apply() {
        if (applied != null) {
            return applied;
        }
        int trainings = trainingsAtOnce(); // a bad value fails here, every time, before anything is set
        applied = Map.of();
        if ("off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, "")) || !linuxX86()) {
            return applied;
        }
        Map<String, Integer> malloc = MallocTuning.apply(System.getenv());
        if (!malloc.isEmpty()) {
            LOG.info("malloc for this process: {} (-D{}=off keeps glibc's defaults)", malloc, SWITCH_PROPERTY);
        }
        int threads = ThreadsPerTraining.get();
        Map<String, String> wanted = wanted(Set.copyOf(CpuInfo.read(Path.of("/proc/cpuinfo")).flags()), System.getenv(), trainings,
                threads, Runtime.getRuntime().availableProcessors());
        if (wanted.isEmpty()) {
            return applied;
        }
        Optional<String> loaded = loadedReader(Path.of("/proc/self/maps"));
        if (loaded.isPresent()) {
            LOG.warn("{} is already loaded, so {} cannot take effect in this process; set them in the environment"
                    + " before starting Java for full CPU speed", loaded.get(), wanted);
            return applied;
        }
        try {
            CLibrary libc = Native.loadLibrary("c", CLibrary.class);
            Map<String, String> set = new LinkedHashMap<>();
            wanted.forEach((name, value) -> {
                if (libc.setenv(name, value, 0) == 0) {
                    set.put(name, value);
                }
            });
            applied = Map.copyOf(set);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot set {} through the C library ({}); the native libraries keep their defaults", wanted, e.toString());
            return applied;
        }
        LOG.info("CPU backend settings for this machine: {} (-D{}=off keeps the libraries' defaults)", applied, SWITCH_PROPERTY);
        return applied;
    }

    /**
     * The settings wanted for a CPU with the given flags, in a process training {@code trainingsAtOnce}
     * networks at a time, less those the environment already has: the OpenBLAS core type when the
     * flags name one, the passive OpenMP wait policy, and with one training at a time the short spin
     * before sleeping. A wait policy of the environment's own also leaves the spin count to it.
     * When a training is to use fewer threads than the machine's {@code cores}, OpenMP's default
     * thread count is {@code threadsPerTraining} (ND4J's ops and oneDNN's primitives on every
     * thread), and OpenBLAS, which would read that too, keeps all the cores.
     */
    static Map<String, String> wanted(Set<String> cpuFlags, Map<String, String> environment, int trainingsAtOnce,
                                      int threadsPerTraining, int cores) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!environment.containsKey(CORE_TYPE)) {
            coreTypeFor(cpuFlags).ifPresent(core -> m.put(CORE_TYPE, core));
        }
        if (!environment.containsKey(WAIT_POLICY)) {
            m.put(WAIT_POLICY, "PASSIVE");
            if (trainingsAtOnce == 1 && !environment.containsKey(SPIN_COUNT)) {
                m.put(SPIN_COUNT, ONE_TRAINING_SPIN_COUNT);
            }
        }
        if (threadsPerTraining < cores && !environment.containsKey(THREADS)) {
            m.put(THREADS, String.valueOf(threadsPerTraining));
            if (!environment.containsKey(BLAS_THREADS)) {
                m.put(BLAS_THREADS, String.valueOf(cores));
            }
        }
        return m;
    }

    /** Whether {@link #apply()} set {@value #THREADS} for this process, i.e. a training uses fewer threads than the cores. */
    private static boolean trainingThreadsSet() {
        Map<String, String> set = applied;
        return set != null && set.containsKey(THREADS);
    }

    /**
     * Holds the calling thread's OpenMP parallel regions to {@link ThreadsPerTraining#get()} threads
     * where {@link #apply()} set {@value #THREADS} for this process: ND4J's loader reads the JVM's
     * copy of the environment, which lacks it, and gives the thread that loads it all the cores
     * (OpenMP's {@code omp_set_num_threads}, which holds for that thread only). Call it on a thread
     * that trains, before it trains; ND4J's native library must be loaded.
     */
    public static void holdToTrainingThreads() {
        if (trainingThreadsSet()) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ThreadsPerTraining.get());
        }
    }

    /**
     * Runs {@code work} with the calling thread's OpenMP parallel regions on all the machine's cores,
     * then {@linkplain #holdToTrainingThreads() holds the thread} to a training's threads again. The
     * OpenBLAS that ND4J ships is built with OpenMP and runs each SGEMM on as many threads as the
     * calling thread's OpenMP regions get, so a yardstick taken on a training thread needs this.
     */
    public static <T> T onAllCores(Supplier<T> work) {
        if (!trainingThreadsSet()) {
            return work.get();
        }
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(Runtime.getRuntime().availableProcessors());
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(ThreadsPerTraining.get());
        }
    }

    /**
     * {@code -D}{@value #TRAININGS_PROPERTY}: how many networks this process trains at once, 1 when
     * unset; anything but a positive whole number is a configuration error, named as such. The
     * benchmark trains that many side by side.
     */
    public static int trainingsAtOnce() {
        return positiveCount(TRAININGS_PROPERTY, System.getProperty(TRAININGS_PROPERTY, "1"),
                "how many networks this process trains at once", "the claim suite passes claims.parallel");
    }

    /**
     * {@code value} of {@code -Dproperty} as a whole number of at least 1, blanks around it ignored;
     * anything else is a configuration error naming the property, what it counts and a {@code hint}.
     */
    static int positiveCount(String property, String value, String counts, String hint) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + property + "=" + value.strip() + ": expected " + counts
                + ", a whole number of at least 1 (" + hint + ")");
    }

    /**
     * OpenBLAS's {@code Haswell} kernels (AVX2 and FMA) when the flags have both, AVX-512 machines
     * included; empty otherwise, leaving OpenBLAS's own detection alone. Not {@code SkylakeX}: its
     * GEMM is faster here (MLP 1x512 about 5,100 images/s against 4,000), but 0.3.19's
     * SkylakeX LAPACK fails {@code dpotrf} on well-conditioned matrices ({@code BlasResultsTest}),
     * which breaks the Cholesky solves of C7.
     */
    static Optional<String> coreTypeFor(Set<String> cpuFlags) {
        if (cpuFlags.containsAll(AVX2)) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /** The first native library in a {@code /proc/self/maps} file that reads the settings at load. */
    static Optional<String> loadedReader(Path maps) {
        return mappedPath(maps, READERS).map(p -> p.getFileName().toString());
    }

    /** {@code dlopen} flags: no promotion to the global symbol scope, and no loading of what is not loaded. */
    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_NOLOAD = 0x4;

    /**
     * The kernel set OpenBLAS runs in this process ({@code openblas_get_corename()}, e.g.
     * "Haswell" or "Prescott"), or empty when no OpenBLAS is loaded or it cannot be asked. The
     * library is looked up with {@code RTLD_NOLOAD} and without {@code RTLD_GLOBAL} (JNA's default):
     * ND4J loads two OpenBLAS builds that export the same symbols (the LAPACK one and the BLAS-only
     * one), and promoting one to the global scope made later calls mix their buffer tables until
     * OpenBLAS aborted ("too many memory regions") in the next training run.
     */
    public static Optional<String> openBlasCore() {
        if (!linuxX86()) {
            return Optional.empty();
        }
        try {
            return mappedPath(Path.of("/proc/self/maps"), List.of("libopenblas"))
                    .map(p -> NativeLibrary.getInstance(p.toString(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_NOLOAD))
                            .getFunction("openblas_get_corename").invokeString(new Object[0], false))
                    .map(String::strip);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> mappedPath(Path maps, List<String> prefixes) {
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.startsWith("/"))
                    .map(Path::of)
                    .filter(p -> prefixes.stream().anyMatch(pre -> p.getFileName().toString().startsWith(pre)))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this JVM runs on Linux x86-64, the only platform whose settings this class touches. */
    static boolean linuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The C library's {@code setenv}, which native code's {@code getenv} sees (Java's environment is a copy). */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }
}
