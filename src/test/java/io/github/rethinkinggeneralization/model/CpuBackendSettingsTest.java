package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class CpuBackendSettingsTest {
    private static final Set<String> SAPPHIRE_RAPIDS = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq",
            "avx512cd", "avx512bw", "avx512vl", "avx512_bf16");

    @Test
    void picksTheAvx2KernelsWhereTheFlagsAllow() {
        // AVX-512 machines too: OpenBLAS 0.3.19's SkylakeX LAPACK fails BlasResultsTest
        assertThat(CpuBackendSettings.coreTypeFor(SAPPHIRE_RAPIDS)).contains("Haswell");
        assertThat(CpuBackendSettings.coreTypeFor(Set.of("sse4_2", "avx", "avx2", "fma"))).contains("Haswell");
        assertThat(CpuBackendSettings.coreTypeFor(Set.of("sse4_2", "avx", "avx2"))).isEmpty();
        assertThat(CpuBackendSettings.coreTypeFor(Set.of("sse4_2", "avx"))).isEmpty();
        assertThat(CpuBackendSettings.coreTypeFor(Set.of())).isEmpty();
    }

    @Test
    void aUsersOwnEnvironmentWins() {
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 2, 2, 2))
                .containsEntry(CpuBackendSettings.CORE_TYPE, "Haswell")
                .containsEntry(CpuBackendSettings.WAIT_POLICY, "PASSIVE");
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS,
                Map.of(CpuBackendSettings.CORE_TYPE, "Zen", CpuBackendSettings.WAIT_POLICY, "ACTIVE"), 1, 2, 2)).isEmpty();
        assertThat(CpuBackendSettings.wanted(Set.of("sse4_2"), Map.of(), 2, 2, 2))
                .containsOnlyKeys(CpuBackendSettings.WAIT_POLICY);
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(CpuBackendSettings.SPIN_COUNT, "0"), 1, 2, 2))
                .doesNotContainKey(CpuBackendSettings.SPIN_COUNT);
    }

    @Test
    void spinsBrieflyOnlyWhereOneNetworkTrainsAtATime() {
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 1, 2, 2))
                .containsEntry(CpuBackendSettings.WAIT_POLICY, "PASSIVE")
                .containsEntry(CpuBackendSettings.SPIN_COUNT, CpuBackendSettings.ONE_TRAINING_SPIN_COUNT);
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 2, 2, 2)).doesNotContainKey(CpuBackendSettings.SPIN_COUNT);
    }

    @Test
    void holdsOpenMpToATrainingsThreadsButLeavesOpenBlasAllTheCores() {
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 2, 1, 2))
                .containsEntry(CpuBackendSettings.THREADS, "1")
                .containsEntry(CpuBackendSettings.BLAS_THREADS, "2");
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 2, 4, 8))
                .containsEntry(CpuBackendSettings.THREADS, "4")
                .containsEntry(CpuBackendSettings.BLAS_THREADS, "8");
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(), 1, 2, 2))
                .doesNotContainKeys(CpuBackendSettings.THREADS, CpuBackendSettings.BLAS_THREADS);
        // a user's own thread counts win
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(CpuBackendSettings.THREADS, "2"), 2, 1, 2))
                .doesNotContainKeys(CpuBackendSettings.THREADS, CpuBackendSettings.BLAS_THREADS);
        assertThat(CpuBackendSettings.wanted(SAPPHIRE_RAPIDS, Map.of(CpuBackendSettings.BLAS_THREADS, "1"), 2, 1, 2))
                .containsEntry(CpuBackendSettings.THREADS, "1")
                .doesNotContainKey(CpuBackendSettings.BLAS_THREADS);
    }

    @Test
    void readsHowManyNetworksTrainAtOnce() {
        String before = System.getProperty(CpuBackendSettings.TRAININGS_PROPERTY);
        try {
            System.clearProperty(CpuBackendSettings.TRAININGS_PROPERTY);
            assertThat(CpuBackendSettings.trainingsAtOnce()).isEqualTo(1);
            System.setProperty(CpuBackendSettings.TRAININGS_PROPERTY, " 2");
            assertThat(CpuBackendSettings.trainingsAtOnce()).isEqualTo(2);
            for (String bad : new String[] {"0", "two", ""}) {
                System.setProperty(CpuBackendSettings.TRAININGS_PROPERTY, bad);
                assertThatThrownBy(CpuBackendSettings::trainingsAtOnce).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(CpuBackendSettings.TRAININGS_PROPERTY).hasMessageContaining("claims.parallel");
            }
        } finally {
            if (before == null) {
                System.clearProperty(CpuBackendSettings.TRAININGS_PROPERTY);
            } else {
                System.setProperty(CpuBackendSettings.TRAININGS_PROPERTY, before);
            }
        }
    }

    @Test
    void readsFlagsAndLoadedLibrariesFromProcFiles(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel\t\t: 207\nflags\t\t: fpu sse4_2 avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        assertThat(CpuInfo.read(cpuinfo).flags()).containsExactly("fpu", "sse4_2", "avx2", "fma");
        assertThat(CpuInfo.read(dir.resolve("missing")).flags()).isEmpty();

        Path maps = dir.resolve("maps");
        Files.writeString(maps, "7f00-7f01 r-xp 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "7f02-7f03 rw-p 00000000 00:00 0 \n"
                + "7f04-7f05 r-xp 00000000 08:01 456 /root/.javacpp/cache/x/libopenblas_nolapack.so.0\n");
        assertThat(CpuBackendSettings.loadedReader(maps)).contains("libopenblas_nolapack.so.0");
        Files.writeString(maps, "7f00-7f01 r-xp 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6\n");
        assertThat(CpuBackendSettings.loadedReader(maps)).isEmpty();
    }

    /**
     * The settings reach OpenBLAS in this JVM: {@link CpuBackendSession} applied them before ND4J
     * loaded, so OpenBLAS runs the kernels chosen from this machine's flags, not its fallback.
     */
    @Test
    void openBlasRunsTheChosenKernels() {
        Map<String, String> applied = CpuBackendSettings.apply();
        Nd4j.create(1); // loads the native libraries if no earlier test did
        String wanted = applied.get(CpuBackendSettings.CORE_TYPE);
        if (wanted != null) {
            assertThat(CpuBackendSettings.openBlasCore()).hasValueSatisfying(core -> assertThat(core).isEqualToIgnoringCase(wanted));
        } else if (System.getenv(CpuBackendSettings.CORE_TYPE) != null) {
            assertThat(CpuBackendSettings.openBlasCore()).hasValueSatisfying(core -> assertThat(core).isEqualToIgnoringCase(System.getenv(CpuBackendSettings.CORE_TYPE)));
        }
    }
}
