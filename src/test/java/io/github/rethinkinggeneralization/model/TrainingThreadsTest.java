package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The threads a training's OpenMP regions get, in a fresh JVM each ({@link TrainingThreadsProbe}):
 * the settings act only where they are made before ND4J's native libraries load, which has happened
 * long before any test here runs.
 */
class TrainingThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @BeforeAll
    static void onLinuxX86WithCoresToShare() {
        assumeTrue(CpuBackendSettings.linuxX86(), "the settings touch Linux x86-64 only");
        assumeTrue(CORES >= 2, "one core has nothing to share out");
    }

    @Test
    void twoTrainingsAtOnceEachGetTheirShareAndTheYardstickAllCores() throws Exception {
        Map<String, String> probe = probe("-D" + CpuBackendSettings.TRAININGS_PROPERTY + "=" + CORES);

        assertThat(probe).containsEntry("set", "1").containsEntry("blas", String.valueOf(CORES));
        assertThat(probe).as("the thread that loaded ND4J, once it built a network").containsEntry("builder", "1");
        assertThat(probe).as("a thread that never built one").containsEntry("otherThread", "1");
        assertThat(probe).as("SGEMM's yardstick").containsEntry("yardstick", String.valueOf(CORES));
        assertThat(probe).as("held again after the yardstick").containsEntry("afterYardstick", "1");
    }

    @Test
    void oneTrainingAloneKeepsAllTheCores() throws Exception {
        Map<String, String> probe = probe();

        assertThat(probe).containsEntry("set", "-").containsEntry("blas", "-");
        assertThat(probe).containsEntry("builder", String.valueOf(CORES)).containsEntry("otherThread", String.valueOf(CORES))
                .containsEntry("yardstick", String.valueOf(CORES));
    }

    @Test
    void twoTrainingsAtOnceMayKeepAllTheCoresWhenAsked() throws Exception {
        Map<String, String> probe = probe("-D" + CpuBackendSettings.TRAININGS_PROPERTY + "=" + CORES,
                "-D" + ThreadsPerTraining.PROPERTY + "=" + CORES);

        assertThat(probe).containsEntry("set", "-").containsEntry("blas", "-");
        assertThat(probe).containsEntry("builder", String.valueOf(CORES)).containsEntry("otherThread", String.valueOf(CORES));
    }

    /** The probe's words, run in a JVM with {@code properties} and none of the settings in its environment. */
    private static Map<String, String> probe(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.add(TrainingThreadsProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Stream.of(CpuBackendSettings.THREADS, CpuBackendSettings.BLAS_THREADS, CpuBackendSettings.WAIT_POLICY,
                CpuBackendSettings.SPIN_COUNT, CpuBackendSettings.CORE_TYPE).forEach(pb.environment()::remove);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the probe finished").isTrue();
        assertThat(p.exitValue()).as("the probe's exit status; it printed:%n%s", out).isZero();
        String line = out.lines().filter(l -> l.startsWith("set=")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no result line from the probe; it printed:\n" + out));
        return Stream.of(line.split(" ")).map(w -> w.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }
}
