package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MallocTuningTest {

    @Test
    void aUsersOwnMallocSettingsWin() {
        assertThat(MallocTuning.userSetsMalloc(Map.of())).isFalse();
        assertThat(MallocTuning.userSetsMalloc(Map.of("PATH", "/bin", "OMP_WAIT_POLICY", "PASSIVE"))).isFalse();
        assertThat(MallocTuning.userSetsMalloc(Map.of("MALLOC_ARENA_MAX", "2"))).as("another parameter").isFalse();
        assertThat(MallocTuning.userSetsMalloc(Map.of("MALLOC_MMAP_THRESHOLD_", "131072"))).isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("MALLOC_TRIM_THRESHOLD_", "0"))).isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("MALLOC_TOP_PAD_", "0"))).isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0"))).isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=131072"))).isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.top_pad=0")))
                .isTrue();
        assertThat(MallocTuning.userSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.cpu.hwcaps=-AVX512F")))
                .isFalse();
    }

    @Test
    void theSettingsKeepBuffersOfAFewMegabytesInTheHeap() {
        assertThat(MallocTuning.SETTINGS).containsExactly(new MallocTuning.Setting("M_MMAP_THRESHOLD", -3, 32 << 20),
                new MallocTuning.Setting("M_TRIM_THRESHOLD", -1, Integer.MAX_VALUE),
                new MallocTuning.Setting("M_TOP_PAD", -2, 256 << 20));
    }

    /** In this JVM (Linux, glibc) the test session applied them, and glibc accepted each one. */
    @Test
    void glibcAcceptsThem() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux")
                && !MallocTuning.userSetsMalloc(System.getenv())
                && !"off".equalsIgnoreCase(System.getProperty(CpuBackendSettings.SWITCH_PROPERTY, "")));
        CpuBackendSettings.apply();
        assertThat(MallocTuning.apply(System.getenv())).containsExactly(java.util.Map.entry("M_MMAP_THRESHOLD", 32 << 20),
                java.util.Map.entry("M_TRIM_THRESHOLD", Integer.MAX_VALUE), java.util.Map.entry("M_TOP_PAD", 256 << 20));
    }
}
