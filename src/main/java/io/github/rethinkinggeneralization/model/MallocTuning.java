package io.github.rethinkinggeneralization.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * glibc malloc settings that keep the native libraries' large temporary buffers in the heap between
 * training steps. oneDNN's convolutions (through libnd4j and DL4J's oneDNN helper) allocate and free
 * buffers of a few MB in every step; above glibc's mmap threshold (128 KiB at start, raised
 * dynamically) each is a fresh {@code mmap}, zero-filled page by page on first touch, and
 * {@code munmap}ed when freed, and freed heap tops are trimmed back to the kernel. On 2 cores
 * page faults and unmapping were about 9 % of small Inception's training time, and system time a
 * third of the benchmark's CPU time (measured with async-profiler). Two small-Inception runs side
 * by side in a fresh JVM (67 and 70 epochs of 200 images) took 72-73 s with glibc's defaults, 52 s
 * of it system time, and 40-46 s with these settings, 6-7 s system time (README, Performance).
 *
 * <p>{@link #apply} sets, through {@code mallopt}, a fixed mmap threshold of 32 MiB (glibc's
 * largest on 64-bit), a trim threshold of 2 GiB and a top pad of 256 MiB, unless the environment
 * already sets one of them ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_},
 * {@code MALLOC_TOP_PAD_} or their {@code glibc.malloc} tunables), in which case the user's values
 * stand. The cost is memory kept by the process after a peak.
 */
public final class MallocTuning {
    /** One mallopt parameter: its name, its number in malloc.h, and the value set here. */
    record Setting(String name, int parameter, int value) {
        /** The environment variable glibc reads for it: {@code M_TOP_PAD} is {@code MALLOC_TOP_PAD_}. */
        String environmentVariable() {
            return "MALLOC_" + name.substring(2) + "_";
        }

        /** Its glibc tunable: {@code M_TOP_PAD} is {@code glibc.malloc.top_pad}. */
        String tunable() {
            return "glibc.malloc." + name.substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /** The settings, applied in this order: the mmap threshold first, which turns off glibc's dynamic thresholds. */
    static final List<Setting> SETTINGS = List.of(
            new Setting("M_MMAP_THRESHOLD", -3, 32 << 20),
            new Setting("M_TRIM_THRESHOLD", -1, Integer.MAX_VALUE),
            new Setting("M_TOP_PAD", -2, 256 << 20));

    private static final Logger LOG = LoggerFactory.getLogger(MallocTuning.class);
    private static Map<String, Integer> applied;

    private MallocTuning() {
    }

    /**
     * Whether the environment sets any of the parameters tuned here itself (then none is changed,
     * since the mmap threshold set here would also fix the others'). Other malloc settings, such as
     * {@code MALLOC_ARENA_MAX}, do not interfere.
     */
    static boolean userSetsMalloc(Map<String, String> environment) {
        String tunables = environment.getOrDefault("GLIBC_TUNABLES", "");
        return SETTINGS.stream().anyMatch(s -> environment.containsKey(s.environmentVariable()) || tunables.contains(s.tunable()));
    }

    /**
     * Applies the settings once per process and returns those glibc accepted (empty when the
     * environment sets malloc's parameters, or the C library has no {@code mallopt}).
     */
    static synchronized Map<String, Integer> apply(Map<String, String> environment) {
        if (applied != null) {
            return applied;
        }
        applied = Map.of();
        if (userSetsMalloc(environment)) {
            return applied;
        }
        try {
            CLibrary libc = Native.loadLibrary("c", CLibrary.class);
            Map<String, Integer> set = new LinkedHashMap<>();
            for (Setting setting : SETTINGS) {
                if (libc.mallopt(setting.parameter(), setting.value()) == 1) {
                    set.put(setting.name(), setting.value());
                }
            }
            applied = Collections.unmodifiableMap(set);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot tune malloc through the C library ({}); it keeps its defaults", e.toString());
        }
        return applied;
    }

    /** The C library's {@code mallopt}: 1 on success, 0 on error. */
    interface CLibrary extends Library {
        int mallopt(int param, int value);
    }
}
